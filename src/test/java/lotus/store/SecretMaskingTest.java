package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Database URLs and the errors that quote them never carry a password to a message or a log. */
class SecretMaskingTest {

    private static final String PW = "s3cr3tPW";

    @Test
    void everyPasswordLikeParameterAndTheUserInfoPasswordAreMasked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/lotus?user=lotus&password=" + PW + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/lotus?user=lotus&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/lotus?PassWord=" + PW + "&sslpassword=" + PW
                + "&sslkey=/k/client.pk8&apiToken=" + PW + "&client_secret=" + PW + "&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/lotus?PassWord=***&sslpassword=***&sslkey=***&apiToken=***"
                        + "&client_secret=***&sslmode=require");
        assertThat(JdbcUrls.redact("jdbc:postgresql://lotus:" + PW + "@db:5432/lotus?user=x@y"))
                .isEqualTo("jdbc:postgresql://lotus:***@db:5432/lotus?user=x@y");
        // A password with an @ in it is masked up to the last @ before the host.
        assertThat(JdbcUrls.redact("jdbc:postgresql://lotus:p@ss@db:5432/lotus"))
                .isEqualTo("jdbc:postgresql://lotus:***@db:5432/lotus");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/lotus?user=x@y")).isEqualTo(
                "jdbc:postgresql://db:5432/lotus?user=x@y");
        assertThat(JdbcUrls.redact("jdbc:sqlite:data/lotus.db")).isEqualTo("jdbc:sqlite:data/lotus.db");
        assertThat(JdbcUrls.redact("Failed for jdbcUrl=jdbc:postgresql://h/d?password=" + PW + " (no driver)"))
                .isEqualTo("Failed for jdbcUrl=jdbc:postgresql://h/d?password=*** (no driver)");
    }

    @Test
    void aConnectionErrorIsMaskedInItsMessageAndEveryCause() {
        // pgjdbc cannot parse user-info, so Hikari's error quotes the whole URL.
        String url = "jdbc:postgresql://lotus:" + PW + "@127.0.0.1:1/lotus?password=" + PW + "&sslpassword=" + PW;
        assertThatThrownBy(() -> Database.open(url, 1).close())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open database jdbc:postgresql://lotus:***@127.0.0.1:1/lotus?"
                        + "password=***&sslpassword=***: ")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(PW).contains("Caused by: "));
        String refused = "jdbc:postgresql://127.0.0.1:1/lotus?user=lotus&password=" + PW;
        assertThatThrownBy(() -> Database.open(refused, 1).close())
                .isInstanceOf(StoreException.class).hasMessageContaining("Connection")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(PW).contains("org.postgresql"));
    }

    private static String stackText(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
