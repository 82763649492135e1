package lotus.sim;

import io.javalin.Javalin;
import io.javalin.router.JavalinDefaultRouting;
import java.util.function.Consumer;

/**
 * A simulator on its own loopback port, for tests that start one alone: the simulators' routes are mounted on an
 * app the caller owns ({@code ./lotus sim} puts them all on one), and this is that app when there is no other.
 */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** Started on 127.0.0.1:{@code port} (0 picks a free one) with {@code routes} mounted. */
    public static Javalin start(int port, Consumer<JavalinDefaultRouting> routes) {
        return Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.router.mount(routes);
        }).start(HOST, port);
    }
}
