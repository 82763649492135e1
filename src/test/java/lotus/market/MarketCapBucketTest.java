package lotus.market;

import static lotus.market.MarketCapBucket.BIG;
import static lotus.market.MarketCapBucket.MID;
import static lotus.market.MarketCapBucket.NANO;
import static lotus.market.MarketCapBucket.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarketCapBucketTest {

    private static Optional<MarketCapBucket> of(String capUsd) {
        return MarketCapBucket.of(new BigDecimal(capUsd));
    }

    @Test
    void eachThresholdIsTheLowerBoundOfTheBucketAboveIt() {
        assertThat(of("9999999")).contains(NANO);
        assertThat(of("9999999.99")).contains(NANO);
        assertThat(of("10000000")).contains(SMALL);
        assertThat(of("10000001")).contains(SMALL);
        assertThat(of("49999999")).contains(SMALL);
        assertThat(of("50000000")).contains(MID);
        assertThat(of("50000001")).contains(MID);
        assertThat(of("199999999")).contains(MID);
        assertThat(of("200000000")).contains(BIG);
        assertThat(of("200000001")).contains(BIG);
        assertThat(of("1E+12")).contains(BIG);
    }

    @Test
    void theSmallestPositiveCapIsNano() {
        assertThat(of("1")).contains(NANO);
        assertThat(of("0.01")).contains(NANO);
    }

    @Test
    void aMissingZeroOrNegativeCapHasNoBucket() {
        assertThat(MarketCapBucket.of(null)).isEmpty();
        assertThat(of("0")).isEmpty();
        assertThat(of("0.000")).isEmpty();
        assertThat(of("-1")).isEmpty();
    }

    @Test
    void driverNamesAreTheIndexBarsTokenContracts() {
        assertThat(NANO.driver()).isEqualTo("bucket.nano");
        assertThat(SMALL.driver()).isEqualTo("bucket.small");
        assertThat(MID.driver()).isEqualTo("bucket.mid");
        assertThat(BIG.driver()).isEqualTo("bucket.big");
    }
}
