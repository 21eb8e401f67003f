package io.dunkclip.jobs.spark;

import io.dunkclip.model.DunkModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Executor-side models: a model file is deserialised once per executor JVM and cloned for each concurrently running
 * task (a DL4J network is not safe to call from two threads). This per-JVM cache is the one deliberate global in the
 * jobs: it is what makes "one model load per executor" possible across tasks.
 */
public final class ModelPool {
  private static final ConcurrentHashMap<String, ConcurrentLinkedQueue<DunkModel>> IDLE = new ConcurrentHashMap<>();
  private static final ConcurrentHashMap<String, DunkModel> LOADED = new ConcurrentHashMap<>();

  private ModelPool() {}

  /** A model for this task's exclusive use; give it back with {@link #release}. */
  public static DunkModel borrow(String key, byte[] modelFile) {
    DunkModel idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
    if (idle != null) {
      return idle;
    }
    DunkModel loaded = LOADED.computeIfAbsent(key, k -> load(k, modelFile));
    return new DunkModel(loaded.network().clone(), loaded.metadata());
  }

  public static void release(String key, DunkModel model) {
    IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(model);
  }

  private static DunkModel load(String key, byte[] modelFile) {
    try {
      return DunkModel.read(new ByteArrayInputStream(modelFile), key);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load model " + key + " on executor: " + e.getMessage(), e);
    }
  }
}
