/**
 * The engine: one package per stage of a run, none of them API.
 *
 * <p>A run goes plan → schedule → execute → record → evaluate → report. Where a number is measured,
 * judged and written:
 * <ul>
 *   <li><b>measured</b> in {@code record}: {@code LatencyRecorder} takes each iteration on the workers'
 *       threads and gives one immutable {@code RunSnapshot} part, the {@code Recording};</li>
 *   <li><b>judged</b> in {@code evaluate}: {@code RunEvaluator.verdict(plan, snapshot)} is the one place
 *       any threshold, rule, shortfall or note is decided, and it reads nothing but its two arguments;</li>
 *   <li><b>written</b> in {@code report}: the result, the pages, the interval log and the snapshot file
 *       come from the snapshot and its verdict.</li>
 * </ul>
 *
 * <p>Each stage knows only the stages it takes its input from ({@code ArchitectureTests} checks it):
 * <table>
 *   <caption>Which stages each package may use, besides {@code api}</caption>
 *   <tr><th>package</th><th>owns</th><th>may use</th></tr>
 *   <tr><td>{@code format}</td><td>numbers and redaction in words</td><td>nothing</td></tr>
 *   <tr><td>{@code schedule}</td><td>when each arrival is due; stages; clocks</td><td>nothing</td></tr>
 *   <tr><td>{@code plan}</td><td>annotations and settings read into a {@code LoadPlan}</td><td>format</td></tr>
 *   <tr><td>{@code record}</td><td>histograms and counts; the snapshot</td><td>format</td></tr>
 *   <tr><td>{@code execute}</td><td>iterations on workers, on schedule</td><td>schedule, record, format</td></tr>
 *   <tr><td>{@code http}</td><td>{@code LoadHttp} and its transport</td><td>schedule, record, plan, format</td></tr>
 *   <tr><td>{@code evaluate}</td><td>the verdict; the abort watch</td><td>plan, record, format</td></tr>
 *   <tr><td>{@code report}</td><td>console, JSON, Markdown, HTML, snapshot files</td><td>evaluate, record,
 *       format</td></tr>
 *   <tr><td>{@code run}</td><td>wires one run together</td><td>every stage</td></tr>
 *   <tr><td>{@code jupiter}</td><td>the JUnit extension: a verdict into JUnit's exceptions</td><td>run, plan,
 *       http, evaluate, report</td></tr>
 * </table>
 *
 * <p>{@code api} uses no package here. Its annotations register {@code jupiter.LoadTestExtension} with
 * {@code @ExtendWith}, a class literal JUnit reads; and {@code LoadTestTarget} reaches the settings
 * chain of {@code plan} as a {@link java.util.ServiceLoader} service, so the dependency points from the
 * engine to the API.
 */
@NullMarked
package io.github.junitloadtest.internal;

import org.jspecify.annotations.NullMarked;
