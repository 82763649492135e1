package lotus.bench;

import java.io.PrintWriter;

/** A benchmark: its options and where it prints. */
abstract class Benchmark<O> {

    final O o;
    final Bench out;

    Benchmark(O options, PrintWriter out) {
        this.o = options;
        this.out = new Bench(out);
    }
}
