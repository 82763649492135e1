package lotus.store;

import java.time.Instant;

/** One row of {@code lotus db status}. {@code installedOn} is null while pending. */
public record MigrationStatus(String version, String description, String state, Instant installedOn) {
}
