@0xd7aa99c47bc1f1f3;
# The trading state of one market, normalised across feeds. Timestamps are nanoseconds since the
# Unix epoch, UTC; prices are fixed-point integers in 1e-6 units.

struct MarketStatus {
  feed @0 :Text;               # the ssmd feed name
  market @1 :Text;             # the exchange's market id
  exchangeTimeNs @2 :Int64;    # when the exchange changed the state
  receiveTimeNs @3 :Int64;     # when ssmd's connector received it
  status @4 :Status;
  openTimeNs @5 :Int64;        # scheduled open; 0 when unknown
  closeTimeNs @6 :Int64;       # scheduled close; 0 when unknown
  tickSizeMicros @7 :Int64;    # minimum price increment, 1e-6 units (Polymarket tick_size_change)

  enum Status {
    unknown @0;
    initialized @1;            # listed, not yet open
    open @2;
    paused @3;                 # trading halted
    closed @4;                 # no more trading; awaiting settlement
    settled @5;                # outcome determined and paid
  }
}
