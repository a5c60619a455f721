@0x8d8c100efd33da15;
# An order book snapshot or delta for one market, normalised across feeds.
# Prices and quantities are fixed-point integers, never floats: 1 unit = 1e-6. Timestamps are
# nanoseconds since the Unix epoch, UTC. Binary markets are expressed on the YES outcome: Kalshi's NO
# bids at price p become YES asks at 1 - p.

struct Orderbook {
  feed @0 :Text;               # the ssmd feed name
  market @1 :Text;             # the exchange's market id
  exchangeTimeNs @2 :Int64;    # the exchange's timestamp of this state
  receiveTimeNs @3 :Int64;     # when ssmd's connector received it
  sequence @4 :UInt64;         # the exchange's sequence number, for gap detection; 0 when none
  isSnapshot @5 :Bool;         # true: the whole book; false: only the levels that changed
  bids @6 :List(Level);        # best first
  asks @7 :List(Level);        # best first

  struct Level {
    priceMicros @0 :Int64;     # 1e-6 units of the quote currency
    quantityMicros @1 :Int64;  # resting size at this price, 1e-6 units; 0 removes the level in a delta
  }
}
