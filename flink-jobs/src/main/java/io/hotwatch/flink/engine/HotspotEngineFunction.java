package io.hotwatch.flink.engine;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.EngineMemory;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.hotspot.HeldIncident;
import io.hotwatch.core.hotspot.HotspotEngine;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs one {@link HotspotEngine} per data source on event time: incident changes update its buckets, a timer at every
 * evaluation step runs the scan and publishes the hotspot events it decides.
 *
 * <p>Keyed state is the truth, the engine in memory a cache over it: every incident counted is in {@code incidents},
 * everything else a step needs in {@code memory}; after a restore the engine is rebuilt from the two on first use.
 * An incident further behind the last step (or the watermark) than the allowed lateness, or placed in a cell of the
 * wrong resolution, goes to {@link #UNCOUNTED} and a counter. When a source has gone quiet for the longest window and
 * the cell memory, its state is cleared and no timer is left. When the input ends (the watermark reaches its end), the
 * engine stops at the step that counts the newest incident and clears its state: open hotspots stay open.
 */
public final class HotspotEngineFunction extends KeyedProcessFunction<String, IncidentDelta, HotspotAlert> {

  private static final long serialVersionUID = 1L;

  /** Incidents the engine did not count: too late, or in a cell of another resolution. */
  public static final OutputTag<ScoredIncident> UNCOUNTED =
      new OutputTag<>("uncounted-incidents", TypeInformation.of(ScoredIncident.class));

  private final BaselineRates baseline;
  private final Calibration calibration;
  private final EngineSettings settings;

  private transient MapState<String, HeldIncident> incidents;
  private transient ValueState<EngineMemory> memory;
  private transient Map<String, HotspotEngine> engines;
  private transient Counter tooLate;
  private transient Counter wrongResolution;
  private transient Counter unknownRetractions;

  public HotspotEngineFunction(BaselineRates baseline, Calibration calibration, EngineSettings settings) {
    calibration.requireFits(settings, baseline.resolution());
    this.baseline = baseline;
    this.calibration = calibration;
    this.settings = settings;
  }

  /** Keys the changes by source and runs the engine on them; uncounted incidents are its {@link #UNCOUNTED} output. */
  public static SingleOutputStreamOperator<HotspotAlert> attach(
      DataStream<IncidentDelta> deltas, EngineSettings settings, BaselineRates baseline, Calibration calibration) {
    return deltas
        .keyBy(new BySource(), Types.STRING)
        .process(new HotspotEngineFunction(baseline, calibration, settings), TypeInformation.of(HotspotAlert.class))
        .name("space-time hotspot engine")
        .uid("hotspot-engine");
  }

  @Override
  public void open(OpenContext openContext) {
    incidents =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("engine-incidents", Types.STRING,
                TypeInformation.of(HeldIncident.class)));
    memory = getRuntimeContext().getState(new ValueStateDescriptor<>("engine-memory", EngineMemory.class));
    engines = new HashMap<>();
    tooLate = getRuntimeContext().getMetricGroup().counter("incidentsTooLate");
    wrongResolution = getRuntimeContext().getMetricGroup().counter("incidentsWrongResolution");
    unknownRetractions = getRuntimeContext().getMetricGroup().counter("retractionsOfUncounted");
  }

  @Override
  public void processElement(IncidentDelta delta, Context ctx, Collector<HotspotAlert> out) throws Exception {
    HotspotEngine engine = engine(ctx.getCurrentKey());
    Incident incident = delta.incident().incident();
    if (delta.retraction()) {
      if (engine.retract(incident.id())) {
        incidents.remove(incident.id());
      } else {
        unknownRetractions.inc();
      }
      return;
    }
    HeldIncident held = held(delta.incident());
    switch (engine.add(held, ctx.timerService().currentWatermark())) {
      case TOO_LATE -> {
        tooLate.inc();
        ctx.output(UNCOUNTED, delta.incident());
      }
      case WRONG_RESOLUTION -> {
        wrongResolution.inc();
        ctx.output(UNCOUNTED, delta.incident());
      }
      case ADDED, REPLACED -> {
        incidents.put(held.id(), held);
        if (engine.lastStep() == Long.MIN_VALUE) {
          // before the first step each incident asks for the step that first counts it; later steps chain themselves
          ctx.timerService().registerEventTimeTimer(engine.stepAfter(held.occurredAt()));
        }
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotAlert> out) throws Exception {
    String key = ctx.getCurrentKey();
    HotspotEngine engine = engine(key);
    if (engine.lastStep() != Long.MIN_VALUE && timestamp <= engine.lastStep()) {
      return; // a first-step timer the chain has already passed
    }
    if (ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > lastStepWithData(engine)) {
      // The input has ended (a bounded run). Later steps would only see the city fall silent, which is the end of
      // the data, not of crime: it raises what is left of the week's clusters against the city and opens and updates
      // hotspots on nothing. The run ends with its hotspots as they stood at the last incident.
      incidents.clear();
      memory.clear();
      engines.remove(key);
      return;
    }
    for (HotspotAlert alert : engine.step(timestamp)) {
      out.collect(alert);
    }
    for (String id : engine.evicted()) {
      incidents.remove(id);
    }
    if (engine.isIdle()) {
      incidents.clear();
      memory.clear();
      engines.remove(key);
      return;
    }
    memory.update(engine.memory());
    ctx.timerService().registerEventTimeTimer(engine.nextStep());
  }

  /** The step that first counts the newest incident held, or {@link Long#MIN_VALUE} when none is held. */
  private static long lastStepWithData(HotspotEngine engine) {
    long newest = Long.MIN_VALUE;
    for (HeldIncident incident : engine.incidents()) {
      newest = Math.max(newest, incident.occurredAt());
    }
    return newest == Long.MIN_VALUE ? Long.MIN_VALUE : engine.stepAfter(newest);
  }

  private HotspotEngine engine(String key) throws Exception {
    HotspotEngine engine = engines.get(key);
    if (engine == null) {
      EngineMemory remembered = memory.value();
      engine =
          HotspotEngine.restore(
              key, baseline, calibration, settings, remembered == null ? EngineMemory.EMPTY : remembered,
              incidents.values());
      engines.put(key, engine);
    }
    return engine;
  }

  private static HeldIncident held(ScoredIncident scored) {
    Incident i = scored.incident();
    return new HeldIncident(
        i.id(), scored.cellId(), i.occurredAt().toEpochMilli(), i.latitude(), i.longitude(), i.category(),
        scored.probabilities());
  }
}
