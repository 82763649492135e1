package lotus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.sim.solana.JupiterSim;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the local Hyperliquid simulator on 127.0.0.1 (WebSocket /ws, REST /info), with the local "
                + "Solana venue on the same port (/dexscreener, /jupiter/swap/v1, /rpc) and CoinGecko's dominance"
                + " (/coingecko), until Ctrl-C.")
final class SimCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Option(names = "--port", defaultValue = "7878", description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks one).")
    int port;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated market (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "1",
            description = "Clock acceleration (default ${DEFAULT-VALUE}: real time). Above 1 only for clients on the "
                    + "same clock (demo, tests): a real-time client would meet the idle close early.")
    double speed;

    @Option(names = "--trades-per-sec", defaultValue = "50",
            description = "Trades per simulated second over all coins (default ${DEFAULT-VALUE}).")
    double tradesPerSecond;

    @Override
    public Integer call() throws Exception {
        Clock clock = speed == 1 ? Clock.system() : SimulatedClock.accelerated(Clock.system().nowMs(), speed);
        PrintWriter out = cli.out();
        CountDownLatch stop = new CountDownLatch(1);
        try (HlSimulator sim = HlSimulator.start(SimConfig.defaults(seed).withTradesPerSecond(tradesPerSecond), clock,
                port)) {
            out.printf("sim: REST %s  WebSocket %s  (%d assets, seed %d, x%s)%n", sim.restUrl(), sim.wsUrl(),
                    sim.market().assets().size(), seed, speed);
            out.printf("sim: Solana %s/dexscreener  %s%s  %s/rpc  (%d tokens)%n", sim.restUrl(), sim.restUrl(),
                    JupiterSim.PREFIX, sim.restUrl(), sim.solana().tokens().size());
            out.printf("sim: CoinGecko %s%s/api/v3/global%n", sim.restUrl(), HlSimulator.COINGECKO_PREFIX);
            out.printf("sim: point Lotus at it with HL_NETWORK=local HL_REST_URL=%s HL_WS_URL=%s (the Solana URLs"
                    + " follow)%n", sim.restUrl(), sim.wsUrl());
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            while (!stop.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                out.printf("sim: %d trades, %d connections, %d subscriptions, %d limit violations%n",
                        sim.market().tradeCount(), sim.stats().connections(), sim.stats().subscriptions(),
                        sim.stats().limitViolations());
                out.flush();
            }
        }
        return 0;
    }
}
