package lotus.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lotus.learning.Lesson;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.Strand;
import lotus.store.Strands;

/** What the demo's strands say of its three books: which traded, and whether their scopes stayed apart. */
public final class DemoBooks {

    private DemoBooks() {
    }

    /** Venue books ({@code chain/book}) with a filled execution of one of {@code decisionTypes} (a regex). */
    public static Set<String> booksThatFilled(Strands strands, String decisionTypes) {
        Set<String> books = new TreeSet<>();
        for (Strand s : strands.byKind("pm_execution", 0, 1_000_000)) {
            JsonNode p = s.payload();
            if (p.path("status").asText().equals("filled") && p.path("decision_type").asText().matches(decisionTypes)) {
                books.add(venue(s));
            }
        }
        return books;
    }

    public static boolean everyBookTrimmedAndClosed(Strands strands) {
        Set<String> closed = new TreeSet<>();
        for (Strand s : strands.byKind("position_closed", 0, 1_000_000)) {
            closed.add(venue(s));
        }
        return closed.size() == 3 && booksThatFilled(strands, "trim").size() == 3;
    }

    /** {@code chain/book} of the position a strand came from. */
    public static String venue(Strand s) {
        return s.scope().path("token_chain").asText() + "/" + s.scope().path("book_id").asText();
    }

    /**
     * Every closed-trade strand carries the chain and book of the position it came from, and every lesson's
     * (book_id, token_chain) counts exactly the trades closed in that venue and book.
     */
    static boolean scopesApart(Positions positions, List<Strand> closed, List<Lesson> lessons) {
        Map<String, Integer> tradesByVenue = new HashMap<>();
        for (Strand s : closed) {
            long id = s.payload().path("position_id").asLong();
            Position p = positions.find(id).orElse(null);
            String venue = venue(s);
            if (p == null || !venue.equals(p.tokenChain() + "/" + p.bookId())) {
                return false;
            }
            tradesByVenue.merge(venue, 1, Integer::sum);
        }
        for (Lesson l : lessons) {
            if (l.subset().size() == 0 && l.n() > tradesByVenue.getOrDefault(l.tokenChain() + "/" + l.bookId(), 0)) {
                return false;
            }
        }
        return true;
    }
}
