package lotus.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.Callable;
import lotus.app.Books;
import lotus.app.LotusConfig;
import lotus.exec.AccountCheck;
import lotus.hyperliquid.info.SpotAccount;
import lotus.market.Decimals;
import lotus.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lotus account}: the venue's account beside the book, one row per token; reads only, never trades. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Compare the Hyperliquid account (hyperliquid.account_address, else the key's address) with the "
                + "book: perp sizes and spot balances per token. Exit 0: no drift; 1: drift; 2: no address.")
final class AccountCommand implements Callable<Integer> {

    @Mixin
    CommandContext cli;

    @Override
    public Integer call() {
        LotusConfig config = cli.config();
        Optional<String> address = Books.accountAddress(config);
        if (address.isEmpty()) {
            return cli.usageError("no account: set hyperliquid.account_address (HL_ACCOUNT_ADDRESS) or a signing "
                    + "key (HL_PRIVATE_KEY)");
        }
        try (Database db = cli.database(config)) {
            AccountCheck.Report report = Books.checkAccount(config, db, address.get());
            print(cli.out(), report, config.hyperliquid().network().label());
            return report.drifts().isEmpty() ? 0 : 1;
        }
    }

    static void print(PrintWriter out, AccountCheck.Report report, String network) {
        SpotAccount.Balance usdc = report.spot().byToken(0)
                .orElse(new SpotAccount.Balance("USDC", 0, BigDecimal.ZERO, BigDecimal.ZERO));
        out.printf("account %s on %s: perp account value %s, withdrawable %s; spot USDC %s (hold %s)%n",
                report.master(), network, Decimals.plain(report.perp().accountValue()),
                Decimals.plain(report.perp().withdrawable()), Decimals.plain(usdc.total()),
                Decimals.plain(usdc.hold()));
        out.printf("%-6s %-16s %20s %20s  %s%n", "book", "token", "venue", "book qty", "");
        for (AccountCheck.Row r : report.rows()) {
            out.printf("%-6s %-16s %20s %20s  %s%n", r.book(), r.token(), Decimals.plain(r.venue()),
                    Decimals.plain(r.bookQty()), r.drift() ? "DRIFT" : "ok");
        }
        int drifts = report.drifts().size();
        out.println(drifts == 0 ? "no drift" : "DRIFT on " + drifts + " token(s)");
        out.flush();
    }
}
