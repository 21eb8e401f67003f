package io.dunkclip.jobs.cli;

import io.dunkclip.jobs.label.LabelConfig;
import io.dunkclip.jobs.label.LabelJob;
import io.dunkclip.jobs.label.LabelResult;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dunkclip label}: contact sheets and a labels template, the start of labelling new tapes. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Write contact sheets (PNG grids of every Nth frame, numbered) per tape, and a labels template "
            + "(labels-template.csv: each tape, all frames, label 0).",
        "Open index.html in the output in a browser to mark where a player enters and leaves, and export labels.csv;",
        "or copy the template to labels.csv and split its rows into ranges with label 1 where a player is in frame."})
final class LabelCommand extends Commands.Base {
  @Mixin SparkOptions spark;
  @Option(names = "--input", required = true, paramLabel = "PATH_OR_GLOB") String input;
  @Option(names = "--output", required = true, paramLabel = "DIR") String output;
  @Option(names = "--every", defaultValue = "" + LabelConfig.EVERY_DEFAULT, paramLabel = "N",
      description = "Show every Nth frame: 0, N, 2N, ... (default: ${DEFAULT-VALUE})") int every;
  @Option(names = "--suggest", paramLabel = "MODEL",
      description = "Pre-fill the labelling page with this model's detections, least sure stretches listed first")
  String suggest;
  @Option(names = "--draft-people",
      description = {"With no model yet: pre-fill the labelling page from a generic people detector (OpenCV's HOG,"
            + " inside the jars; 3 frames a second, at most 640 px)",
          "A rough draft: frame F1 0.60, clip F1 0.36 on 8 sample tapes (README); also written as draft-clips.csv."
            + " Not with --suggest."})
  boolean draftPeople;

  @Override
  public Integer call() {
    LabelConfig config = options(() -> LabelConfig.builder(input, output).every(every).suggest(suggest)
        .draftPeople(draftPeople).build());
    Integer nothing = precheck(LabelJob.claim(config), input, output, spark);
    if (nothing != null) {
      return nothing;
    }
    try (SparkSession session = spark.session("label")) {
      LabelResult result = LabelJob.run(session, config);
      return report(result.tapes(), result.errors(), result.summary(), output);
    }
  }
}
