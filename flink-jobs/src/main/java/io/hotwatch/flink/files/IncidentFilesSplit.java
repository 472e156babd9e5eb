package io.hotwatch.flink.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A set of incident files read as one time-ordered stream, and how many of its records were emitted already.
 *
 * <p>One split for all files: ordering them by event time needs them all in one reader. A restored split re-reads
 * the files and skips what it had emitted; the order is deterministic, so the skipped records are the same ones.
 *
 * @param files the files, as paths readable by the task manager
 * @param emitted records (incidents and rejected rows) already emitted
 */
public record IncidentFilesSplit(List<String> files, long emitted) implements SourceSplit {

  public IncidentFilesSplit {
    files = List.copyOf(files);
  }

  @Override
  public String splitId() {
    return "incident-files";
  }

  public IncidentFilesSplit at(long position) {
    return new IncidentFilesSplit(files, position);
  }

  /** Version 1: file count, each path, emitted count. */
  public static final class Serializer implements SimpleVersionedSerializer<IncidentFilesSplit> {

    public static final Serializer INSTANCE = new Serializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(IncidentFilesSplit split) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      write(split, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public IncidentFilesSplit deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      return read(new DataInputDeserializer(serialized));
    }

    static void write(IncidentFilesSplit split, DataOutputSerializer out) throws IOException {
      out.writeInt(split.files().size());
      for (String file : split.files()) {
        out.writeUTF(file);
      }
      out.writeLong(split.emitted());
    }

    static IncidentFilesSplit read(DataInputDeserializer in) throws IOException {
      int n = in.readInt();
      List<String> files = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        files.add(in.readUTF());
      }
      return new IncidentFilesSplit(files, in.readLong());
    }

    static void checkVersion(int version) throws IOException {
      if (version != 1) {
        throw new IOException("unknown incident files split version " + version);
      }
    }
  }

  /** The enumerator's state: the splits not assigned yet. */
  public static final class ListSerializer implements SimpleVersionedSerializer<List<IncidentFilesSplit>> {

    public static final ListSerializer INSTANCE = new ListSerializer();

    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(List<IncidentFilesSplit> splits) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(256);
      out.writeInt(splits.size());
      for (IncidentFilesSplit split : splits) {
        Serializer.write(split, out);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public List<IncidentFilesSplit> deserialize(int version, byte[] serialized) throws IOException {
      Serializer.checkVersion(version);
      DataInputDeserializer in = new DataInputDeserializer(serialized);
      int n = in.readInt();
      List<IncidentFilesSplit> splits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        splits.add(Serializer.read(in));
      }
      return splits;
    }
  }
}
