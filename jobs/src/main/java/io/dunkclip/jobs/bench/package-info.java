/** Benchmark drivers behind {@code scripts/bench}: each measures dunkclip and a reference in the same run. */
package io.dunkclip.jobs.bench;
