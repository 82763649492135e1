package lotus.app;

import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;

/** The ingest as the configuration asks for it: what {@code lotus ingest} and {@code lotus run} start. */
public final class IngestAssembly {

    private IngestAssembly() {
    }

    /** Both ingesters on the configured network, with its majors and late-trade grace. */
    public static IngestService.Settings settings(LotusConfig config) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        return IngestService.Settings.defaults(hl.endpoints(), hl.symbols())
                .withIngest(IngestConfig.defaults().withLateGrace(config.rollup().lateGrace()));
    }
}
