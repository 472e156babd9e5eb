package io.hotwatch.flink.functions;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes lines (UTF-8 text, without their line break) into one local file, for a bounded run in-process. Flink's file sink writes a directory of part
 * files instead, and collecting the lines in the client costs a socket and two copies per line; this sink must run
 * with parallelism 1 on the machine that owns {@code file}. It replaces the file and, without checkpoints, makes no
 * promise beyond the lines of a run that finished.
 */
public final class LinesFileSink implements Sink<byte[]> {

  private static final long serialVersionUID = 1L;
  private static final int BUFFER_BYTES = 1 << 16;

  private final String file;

  public LinesFileSink(Path file) {
    this.file = file.toAbsolutePath().toString();
  }

  @Override
  public SinkWriter<byte[]> createWriter(WriterInitContext context) throws IOException {
    if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
      throw new IllegalStateException(
          "the lines of " + file + " need one writer, but the sink runs with parallelism "
              + context.getTaskInfo().getNumberOfParallelSubtasks());
    }
    return new LineWriter(new BufferedOutputStream(Files.newOutputStream(Path.of(file)), BUFFER_BYTES));
  }

  private static final class LineWriter implements SinkWriter<byte[]> {
    private final OutputStream out;

    LineWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(byte[] line, Context context) throws IOException {
      out.write(line);
      out.write('\n');
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
