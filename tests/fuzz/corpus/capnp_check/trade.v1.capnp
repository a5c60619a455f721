@0xf029f2ceedccff7b;
# One trade printed by an exchange, normalised across feeds.
# Prices and quantities are fixed-point integers, never floats: 1 unit = 1e-6 (a price of 0.53 USD is
# 530000; Kalshi's 53 cents is 53 * 10000). Timestamps are nanoseconds since the Unix epoch, UTC.

struct Trade {
  feed @0 :Text;               # the ssmd feed name, e.g. "kalshi"
  market @1 :Text;             # the exchange's market id (Kalshi ticker, Polymarket asset id)
  tradeId @2 :Text;            # the exchange's trade id; empty when it sends none
  exchangeTimeNs @3 :Int64;    # when the exchange executed the trade
  receiveTimeNs @4 :Int64;     # when ssmd's connector received it
  priceMicros @5 :Int64;       # price of the YES outcome, 1e-6 units of the quote currency
  quantityMicros @6 :Int64;    # contracts (or shares), 1e-6 units
  outcome @7 :Outcome;         # which side of the binary contract the price refers to

  enum Outcome {
    unknown @0;
    yes @1;
    no @2;
  }
}
