package lotus.market;

import static lotus.market.MarketCapBucket.MID;
import static lotus.market.MarketCapBucket.NANO;
import static lotus.market.MarketCapBucket.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketMembershipTest {

    private static final long DAY1 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long DAY2 = DAY1 + 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private static BigDecimal cap(String usd) {
        return new BigDecimal(usd);
    }

    @Test
    void aCapCrossingAThresholdAt13hChangesNothingUntilTheNextMidnight() {
        BucketMembership m = new BucketMembership();
        m.observe("TOK", DAY1 - HOUR, cap("9500000"));
        assertThat(m.bucketOf("TOK", DAY1)).contains(NANO);

        m.observe("TOK", DAY1 + 13 * HOUR, cap("12000000"));
        assertThat(m.bucketOf("TOK", DAY1 + 13 * HOUR)).contains(NANO);
        assertThat(m.bucketOf("TOK", DAY2 - 1)).contains(NANO);
        assertThat(m.members(NANO, DAY2 - 1)).containsExactly("TOK");

        assertThat(m.bucketOf("TOK", DAY2)).contains(SMALL);
        assertThat(m.members(NANO, DAY2)).isEmpty();
        assertThat(m.members(SMALL, DAY2)).containsExactly("TOK");
    }

    @Test
    void theLatestCapBeforeMidnightDecidesTheDayAndACapAtExactlyMidnightIsTheNewDays() {
        BucketMembership m = new BucketMembership();
        m.observe("TOK", DAY1 + HOUR, cap("60000000"));
        m.observe("TOK", DAY1 + 20 * HOUR, cap("40000000"));
        m.observe("TOK", DAY2, cap("70000000"));
        assertThat(m.bucketOf("TOK", DAY2)).contains(SMALL);
        assertThat(m.bucketOf("TOK", DAY2 + 86_400_000L)).contains(MID);
    }

    @Test
    void aTokenWithoutACapJoinsAtItsFirstCapOfTheDayAndKeepsThatBucketAllDay() {
        BucketMembership m = new BucketMembership();
        m.observe("OLD", DAY1 - 1, cap("30000000"));
        assertThat(m.bucketOf("NEW", DAY1 + HOUR)).isEmpty();

        m.observe("NEW", DAY1 + 2 * HOUR, cap("5000000"));
        m.observe("NEW", DAY1 + 3 * HOUR, cap("80000000"));
        assertThat(m.bucketOf("NEW", DAY1 + 3 * HOUR)).contains(NANO);
        assertThat(m.membership(DAY1 + 4 * HOUR)).isEqualTo(Map.of("NEW", NANO, "OLD", SMALL));
        assertThat(m.bucketOf("NEW", DAY2)).contains(MID);
    }

    @Test
    void unusableCapsAreIgnoredAndCountedAndTheLastUsableCapStays() {
        BucketMembership m = new BucketMembership();
        assertThat(m.observe("TOK", DAY1 - HOUR, cap("20000000"))).isTrue();
        assertThat(m.observe("TOK", DAY1 + HOUR, null)).isFalse();
        assertThat(m.observe("TOK", DAY1 + 2 * HOUR, BigDecimal.ZERO)).isFalse();
        assertThat(m.observe("NONE", DAY1 + 2 * HOUR, cap("-5"))).isFalse();
        assertThat(m.bucketOf("TOK", DAY2)).contains(SMALL);
        assertThat(m.bucketOf("NONE", DAY2)).isEmpty();
        assertThat(m.counts()).isEqualTo(new BucketMembership.Counts(1, 3, 0));
    }

    @Test
    void anObservationOfAPastDayIsCountedAndAQueryOfAPastDayIsRefused() {
        BucketMembership m = new BucketMembership();
        m.observe("TOK", DAY2 + HOUR, cap("20000000"));
        assertThat(m.observe("TOK", DAY2 - 1, cap("90000000"))).isFalse();
        assertThat(m.counts().pastDay()).isEqualTo(1);
        assertThat(m.bucketOf("TOK", DAY2 + 2 * HOUR)).contains(SMALL);
        assertThatThrownBy(() -> m.bucketOf("TOK", DAY1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past day");
    }

    @Test
    void anOlderCapArrivingLaterInTheSameDayDoesNotReplaceANewerOne() {
        BucketMembership m = new BucketMembership();
        m.observe("TOK", DAY1 + 10 * HOUR, cap("60000000"));
        m.observe("TOK", DAY1 + 9 * HOUR, cap("5000000"));
        assertThat(m.bucketOf("TOK", DAY2)).contains(MID);
    }
}
