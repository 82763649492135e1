package lotus.store;

import java.util.regex.Pattern;

/** JDBC URL helpers. A URL can carry a password, so every URL that reaches a log or a message goes through here. */
public final class JdbcUrls {

    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@]*:)[^@/]*@");

    private JdbcUrls() {
    }

    /** The URL with any password replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1***@");
    }
}
