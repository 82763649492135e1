package lotus.store;

import java.util.List;
import lotus.time.Timeframe;

/** The live {@link PositionLedger}: {@code lowcap_positions} and {@code ad_strands}, one transaction per record. */
public final class StoredPositionLedger implements PositionLedger {

    private final Database db;
    private final Positions positions;
    private final Strands strands;

    public StoredPositionLedger(Database db, Positions positions, Strands strands) {
        this.db = db;
        this.positions = positions;
        this.strands = strands;
    }

    @Override
    public List<Position> byTimeframe(Timeframe timeframe) {
        return positions.byTimeframe(timeframe);
    }

    @Override
    public Position record(Position p, List<NewStrand> newStrands, boolean durable) {
        return db.inTransaction(c -> {
            if (!durable) {
                db.deferFlush(c);
            }
            Position written = positions.update(c, p);
            for (NewStrand s : newStrands) {
                strands.append(c, s.kind(), s.scope(), s.payload());
            }
            return written;
        });
    }

    @Override
    public void append(NewStrand strand) {
        strands.append(strand.kind(), strand.scope(), strand.payload());
    }
}
