package lotus.app;

import java.util.Map;

/** The configuration of a dry run against a local simulator: the demo's and the tick benchmark's. */
public final class SimulatedConfig {

    private SimulatedConfig() {
    }

    /**
     * The configuration of a simulated run against the simulator at these URLs: its endpoints, and risk limits sized
     * to the demo's simulated wallets, which run 50 positions at twenty times the pace of a minute: the defaults,
     * made for a first small live allocation, would refuse most of its orders. Dry run, so nothing is scaled.
     */
    public static LotusConfig load(String restUrl, String wsUrl) {
        return ConfigLoader.load(null, env(restUrl, wsUrl)).config();
    }

    static Map<String, String> env(String restUrl, String wsUrl) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HL_NETWORK", "local", "HL_REST_URL", restUrl,
                "HL_WS_URL", wsUrl, "LOTUS_RISK_MAX_ORDER_NOTIONAL_USD", "100000",
                "LOTUS_RISK_MAX_ORDERS_PER_MINUTE", "10000", "LOTUS_RISK_MAX_BOOK_EXPOSURE_USD", "1000000",
                "LOTUS_RISK_MAX_TOKEN_EXPOSURE_USD", "1000000", "LOTUS_RISK_MAX_OPEN_POSITIONS_PER_BOOK", "10000",
                "LOTUS_RISK_DAILY_LOSS_STOP_USD", "1000000", "LOTUS_RISK_MAX_DRAWDOWN_PCT", "100"));
        // The operator's alert targets, so a demo can be watched where a live run would alert.
        for (String alerts : java.util.List.of("LOTUS_ALERTS_WEBHOOK_URL", "LOTUS_ALERTS_TELEGRAM_BOT_TOKEN",
                "LOTUS_ALERTS_TELEGRAM_CHAT_ID", "LOTUS_ALERTS_TELEGRAM_API_URL", "LOTUS_ALERTS_CLOSED_TRADES")) {
            String v = System.getenv(alerts);
            if (v != null && !v.isBlank()) {
                env.put(alerts, v);
            }
        }
        return env;
    }
}
