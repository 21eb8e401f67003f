package io.dunkclip.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained classifier and its metadata, and the model file that holds both: a zip with {@code dunkclip-model.json}
 * (the {@link ModelMetadata}) and {@code network.zip} (DL4J's own serialisation of the network).
 */
public record DunkModel(ComputationGraph network, ModelMetadata metadata) {
  static final String METADATA_ENTRY = "dunkclip-model.json";
  static final String NETWORK_ENTRY = "network.zip";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the model file; the metadata's {@code modelVersion} is set to the hash of the weights written. */
  public static ModelMetadata write(ComputationGraph network, ModelMetadata metadata, OutputStream out)
      throws IOException {
    byte[] networkBytes = networkBytes(network);
    ModelMetadata stamped = metadata.withModelVersion(sha256(networkBytes).substring(0, 16));
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
      zip.write(JSON.writeValueAsBytes(stamped));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
      zip.write(networkBytes);
      zip.closeEntry();
    }
    return stamped;
  }

  /** Reads a model file; {@code source} names it in errors. */
  public static DunkModel read(InputStream in, String source) throws IOException {
    ModelMetadata metadata = null;
    byte[] networkBytes = null;
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (METADATA_ENTRY.equals(entry.getName())) {
          metadata = JSON.readValue(zip.readAllBytes(), ModelMetadata.class);
        } else if (NETWORK_ENTRY.equals(entry.getName())) {
          networkBytes = zip.readAllBytes();
        }
      }
    }
    if (metadata == null || networkBytes == null) {
      throw new IOException("Cannot load model " + source + ": not a dunkclip model file (it lacks "
          + (metadata == null ? METADATA_ENTRY : NETWORK_ENTRY) + "); train one with `dunkclip train`");
    }
    if (metadata.formatVersion() != ModelMetadata.FORMAT_VERSION) {
      throw new IOException("Cannot load model " + source + ": model format version " + metadata.formatVersion()
          + " is not supported by this dunkclip (supports " + ModelMetadata.FORMAT_VERSION + ")");
    }
    OneDnnHelpers.enable();
    ComputationGraph network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(networkBytes), false);
    return new DunkModel(network, metadata);
  }

  static byte[] networkBytes(ComputationGraph network) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ModelSerializer.writeModel(network, bytes, false);
    return bytes.toByteArray();
  }

  /** Hex SHA-256 of {@code bytes}: model versions, and the fingerprints training checkpoints compare. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
