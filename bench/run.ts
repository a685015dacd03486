/**
 * `npm run bench`: the provider's figures beside their floors, every figure and ratio measured in
 * this one run, through the engine driver and Pulumi's real dynamic-provider host against the
 * emulator, as the scenario tests run. The floors:
 *
 *  - preview, and `__provider`: the same stack made of dynamic resources whose provider does nothing
 *    (bench/fixtures/noop.ts), through the same driver and host: what the program, the runtime, the
 *    engine's calls and the host cost by themselves;
 *  - up: a bare-SDK script making the same resources, everything that can run in parallel at once.
 *
 * Sections: 1. `__provider` and state per resource; 2. preview and up at 3 (one of each kind), 31,
 * 100, 301 and 1,000 resources; 3. an up at Azure's own pace (operations and replication taking
 * time) against the bare SDK; 4. from replication finished to the provider returning. Then every
 * target, PASS or FAIL.
 *
 * The machine is shared and noisy: each preview runs several times, the stacks in turn, and each
 * process's least CPU time counts. Preview works the processors alone (no request goes out), so it is
 * judged on CPU time (program, host and driver together), which what else the machine runs changes
 * far less than wall time; wall time is printed beside it.
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { ComputeManagementClient } from "@azure/arm-compute";
import { ensureCa } from "../emulator/cert";
import { ArmEmulator, EmulatorOptions, startEmulator } from "../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId, staticToken } from "../test/support/emulator";
import { EngineDriver, RunResult } from "../test/engine/driver";
import { ROOT, managedImage, stack } from "../test/engine/stacks";
import { reportedProperties } from "../provider/schema/engine";
import { KINDS } from "../provider/schema/kinds";

const REGIONS = ["westus", "eastus", "northeurope"];
const SOURCE = managedImage("bench");
const CERT_DIR = path.join(ROOT, ".emulator", "ca");

/** The stack's shape for a number of resources: 1 gallery, then definitions with their versions. */
const SHAPES: Record<number, { definitions: number; versions: number }> = {
    3: { definitions: 1, versions: 1 },
    31: { definitions: 2, versions: 14 },
    100: { definitions: 9, versions: 10 },
    301: { definitions: 20, versions: 14 },
    1000: { definitions: 27, versions: 36 },
};
const SIZES = [31, 100, 301, 1000];

/** Targets (the lead's), checked at the end. */
const TARGETS = { previewRatio: 1.25, flatness: 1.2, providerBytes: 1000, versionStateBytes: 5000, upRatio: 1.3 };

/**
 * The provider's stack, the no-op floor, and the floor registering as many properties a resource as
 * the provider's resources do (one for every output their kind declares, and the URN).
 */
type Which = "provider" | "floor" | "counted";
const PROGRAM = { provider: "bench/scale", floor: "bench/noop", counted: "bench/noop" } as const;
const PROPERTIES = Object.fromEntries((["gallery", "galleryImage", "galleryImageVersion"] as const).map((k) => [KINDS[k].kind, reportedProperties(KINDS[k]).length + 1]));

async function emulatorWith(timing: EmulatorOptions): Promise<ArmEmulator> {
    return startEmulator({ certDir: CERT_DIR, resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], ...timing });
}

function scaleStack(which: Which, emulator: ArmEmulator, galleryName: string, size: { definitions: number; versions: number }, onStep?: (urn: string) => void): EngineDriver {
    const config = {
        galleryName,
        regions: JSON.stringify(REGIONS),
        sourceId: SOURCE,
        definitions: String(size.definitions),
        versions: String(size.versions),
        ...(which === "counted" ? { properties: JSON.stringify(PROPERTIES) } : {}),
    };
    // Each run in a new program process, as `pulumi preview` and `pulumi up` start one.
    return stack(PROGRAM[which], emulator, config, { onStep: onStep && ((s) => onStep(s.urn)), freshProgram: true });
}

function must(r: RunResult): RunResult {
    if (r.error) throw new Error(r.error);
    return r;
}

/** CPU time of a run: the program, the host and the driver (with the emulator served in it). */
const cpuOf = (r: RunResult) => (r.cpuMs.program ?? 0) + (r.cpuMs.host ?? 0) + r.cpuMs.driver;
const mb = (n: number | undefined) => (n === undefined ? "n/a" : `${(n / 1024 / 1024).toFixed(0)} MiB`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const x = (r: number) => `${r.toFixed(2)}x`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(64)} ${value}`);

interface Verdict {
    target: string;
    figure: string;
    pass: boolean;
}
const verdicts: Verdict[] = [];

function judge(target: string, figure: string, pass: boolean): void {
    verdicts.push({ target, figure, pass });
    line(`${pass ? "PASS" : "FAIL"}  ${target}`, figure);
}

/** The floor of an up: the same resources made with the bare SDK, everything that can run in parallel at once. */
async function bareSdk(emulator: ArmEmulator, galleryName: string, { definitions, versions }: { definitions: number; versions: number }): Promise<{ ms: number; requests: number; cpuMs: number }> {
    const at = emulator.requests.length;
    const cpu = process.cpuUsage();
    const started = Date.now();
    const c = new ComputeManagementClient(staticToken, SUBSCRIPTION, { endpoint: emulator.endpoint });
    await c.galleries.createOrUpdate(RESOURCE_GROUP, galleryName, { location: REGIONS[0] }).pollUntilDone();
    await Promise.all(
        Array.from({ length: definitions }, async (_, d) => {
            await c.galleryImages
                .createOrUpdate(RESOURCE_GROUP, galleryName, `image-${d}`, {
                    location: REGIONS[0],
                    osType: "Linux",
                    osState: "Generalized",
                    hyperVGeneration: "V2",
                    identifier: { publisher: "bench", offer: `offer-${d}`, sku: "1" },
                })
                .pollUntilDone();
            await Promise.all(
                Array.from({ length: versions }, (_, v) =>
                    c.galleryImageVersions
                        .createOrUpdate(RESOURCE_GROUP, galleryName, `image-${d}`, `1.0.${v}`, {
                            location: REGIONS[0],
                            storageProfile: { source: { id: SOURCE } },
                            publishingProfile: { targetRegions: REGIONS.map((name) => ({ name, regionalReplicaCount: 1 })) },
                        })
                        .pollUntilDone(),
                ),
            );
        }),
    );
    const used = process.cpuUsage(cpu);
    return { ms: Date.now() - started, requests: emulator.requests.length - at, cpuMs: (used.user + used.system) / 1000 };
}

async function stateSizes(): Promise<void> {
    console.log("\n1. __provider and state per resource (1 gallery, 2 definitions, 2 versions of each)");
    const emulator = await emulatorWith({ operationMs: 0, replicationMsPerRegion: 10 });
    try {
        const size = { definitions: 2, versions: 2 };
        const ours = scaleStack("provider", emulator, "sizes", size);
        const noop = scaleStack("floor", emulator, "sizes_floor", size);
        must(await ours.up({ skipPreview: true }));
        must(await noop.up({ skipPreview: true }));
        const byType = new Map<string, { provider: number; state: number; n: number }>();
        for (const r of ours.state.values()) {
            const t = r.type.split(":").pop()!;
            const e = byType.get(t) ?? { provider: 0, state: 0, n: 0 };
            e.provider = Math.max(e.provider, Buffer.byteLength(String(r.inputs.__provider)));
            e.state += Buffer.byteLength(JSON.stringify(r));
            e.n++;
            byType.set(t, e);
        }
        const floorText = Math.max(...[...noop.state.values()].map((r) => Buffer.byteLength(String(r.inputs.__provider))));
        const floorState = [...noop.state.values()].filter((r) => r.type.endsWith(":GalleryImageVersion")).map((r) => Buffer.byteLength(JSON.stringify(r)));
        for (const [t, e] of byType) {
            line(`${t}: __provider / state per resource`, `${e.provider} B / ${(e.state / e.n).toFixed(0)} B  (__provider, stored twice: ${(((2 * e.provider) / (e.state / e.n)) * 100).toFixed(0)}%)`);
        }
        line("floor: the no-op provider's __provider / state per version", `${floorText} B / ${floorState[0]} B`);
        const longest = Math.max(...[...byType.values()].map((e) => e.provider));
        judge(`__provider at most ${TARGETS.providerBytes} B`, `${longest} B (${x(longest / floorText)} the no-op provider's own ${floorText} B)`, longest <= TARGETS.providerBytes);
        const version = byType.get("GalleryImageVersion")!;
        const perVersion = Math.round(version.state / version.n);
        judge(`state per image version at most ${TARGETS.versionStateBytes} B`, `${perVersion} B`, perVersion <= TARGETS.versionStateBytes);
    } finally {
        await emulator.stop();
    }
}

interface Figure {
    ms: number;
    cpu: number;
}

interface SizeFigures {
    n: number;
    preview: { provider: Figure; floor: Figure; counted?: Figure };
    up: { provider: { ms: number; requests: number; cpu: number }; floor: { ms: number; requests: number; cpu: number } };
    hostPeakRssBytes?: number;
    previewRequests: number;
}

/**
 * `runs` previews of each stack, the stacks in turn. Each figure is its least over the runs: the wall
 * time, and the CPU time of each process (program, host, driver) added up, since the load of
 * whatever else runs on the machine lands on one process or another, run by run.
 */
async function previews(emulator: ArmEmulator, stacks: Map<Which, EngineDriver>, runs: number): Promise<{ figures: Map<Which, Figure>; rss?: number; requests: number }> {
    const least = new Map<Which, { ms: number; host: number; program: number; driver: number }>();
    let rss: number | undefined;
    const at = emulator.requests.length;
    for (let i = 0; i < runs; i++) {
        for (const [which, stack] of stacks) {
            const r = must(await stack.preview());
            const l = least.get(which) ?? { ms: Infinity, host: Infinity, program: Infinity, driver: Infinity };
            least.set(which, { ms: Math.min(l.ms, r.ms), host: Math.min(l.host, r.cpuMs.host ?? 0), program: Math.min(l.program, r.cpuMs.program ?? 0), driver: Math.min(l.driver, r.cpuMs.driver) });
            if (which === "provider") rss = Math.max(rss ?? 0, r.hostPeakRssBytes ?? 0);
        }
    }
    const figures = new Map([...least].map(([w, l]) => [w, { ms: l.ms, cpu: l.host + l.program + l.driver }]));
    return { figures, rss, requests: emulator.requests.length - at };
}

async function scaling(): Promise<void> {
    const timing = { operationMs: 0, replicationMsPerRegion: 5 };
    console.log(`\n2. Preview and up by stack size (emulator: answers at once, ${timing.replicationMsPerRegion} ms replication per region)`);
    console.log("   preview: the deployed stack (Check + Diff of every resource); up: from empty. Per resource: what each resource beyond the first");
    console.log("   row's (one of each kind) added, (N-resource run - 3-resource run) / (N - 3): starting the processes and each kind's first call drop out.");
    const emulator = await emulatorWith(timing);
    const rows: SizeFigures[] = [];
    try {
        // First, one resource of each kind: what the rest add is then the cost of more resources, not
        // of starting the processes or of the first call of each kind (loading and compiling its code).
        for (const n of [3, ...SIZES]) {
            const shape = SHAPES[n];
            // At 301 also the floor with the provider's count of properties, to tell what the count costs.
            const stacks = new Map((["provider", "floor", ...(n === 301 ? ["counted" as const] : [])] as Which[]).map((w) => [w, scaleStack(w, emulator, `${w}_${n}`, shape)]));
            let at = emulator.requests.length;
            const up = must(await stacks.get("provider")!.up({ skipPreview: true }));
            const upRequests = emulator.requests.length - at;
            for (const [w, stack] of stacks) if (w !== "provider") must(await stack.up({ skipPreview: true }));
            const sdk = await bareSdk(emulator, `sdk_${n}`, shape);
            at = emulator.requests.length;
            // The small stacks' per-resource figures are small differences, and 301 is the judged
            // preview, which moves most from run to run here: more runs to take the least of.
            const p = await previews(emulator, stacks, n === 1000 ? 1 : n === 100 ? 2 : n === 301 ? 5 : 4);
            rows.push({
                n,
                preview: { provider: p.figures.get("provider")!, floor: p.figures.get("floor")!, counted: p.figures.get("counted") },
                up: { provider: { ms: up.ms, requests: upRequests, cpu: cpuOf(up) }, floor: { ms: sdk.ms, requests: sdk.requests, cpu: sdk.cpuMs } },
                hostPeakRssBytes: p.rss,
                previewRequests: p.requests,
            });
        }
    } finally {
        await emulator.stop();
    }
    /** What each resource beyond the first row's added: (figure(N) - figure(first row)) / (N - first row's N). */
    const per = (rowAt: number, figure: (r: SizeFigures) => number) => (figure(rows[rowAt]) - figure(rows[0])) / (rows[rowAt].n - rows[0].n);
    const table: string[][] = [["resources", "preview CPU / wall", "floor CPU / wall", "ratio CPU / wall", "per resource CPU: ours, floor", "up wall: ours, SDK", "up requests per resource: ours, SDK"]];
    for (const [i, r] of rows.entries()) {
        const pr = r.preview;
        const perResource = i === 0 ? "" : `${per(i, (q) => q.preview.provider.cpu).toFixed(1)} ms, ${per(i, (q) => q.preview.floor.cpu).toFixed(1)} ms`;
        table.push([
            String(r.n),
            `${s(pr.provider.cpu)} / ${s(pr.provider.ms)}`,
            `${s(pr.floor.cpu)} / ${s(pr.floor.ms)}`,
            `${x(pr.provider.cpu / pr.floor.cpu)} / ${x(pr.provider.ms / pr.floor.ms)}`,
            perResource,
            `${s(r.up.provider.ms)}, ${s(r.up.floor.ms)}`,
            `${(r.up.provider.requests / r.n).toFixed(2)}, ${(r.up.floor.requests / r.n).toFixed(2)}`,
        ]);
    }
    const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
    for (const row of table) console.log(`  | ${row.map((cell, c) => cell.padEnd(widths[c])).join(" | ")} |`);
    const at301 = rows.find((r) => r.n === 301)!;
    line("preview of 301: host peak memory; requests to Azure during the previews (goal 0)", `${mb(at301.hostPeakRssBytes)}; ${rows.reduce((a, r) => a + r.previewRequests, 0)}`);
    const last = rows.length - 1;
    line("up of 1,000: CPU per resource (program, host, driver with emulator)", `${per(last, (q) => q.up.provider.cpu).toFixed(1)} ms; the bare SDK with emulator: ${per(last, (q) => q.up.floor.cpu).toFixed(1)} ms`);

    const counted = at301.preview.counted!;
    const gap = at301.preview.provider.cpu - at301.preview.floor.cpu;
    line(
        "the floor registering the provider's count of properties a resource (preview of 301)",
        `${s(counted.cpu)} CPU: ${x(counted.cpu / at301.preview.floor.cpu)} the floor, ${(((counted.cpu - at301.preview.floor.cpu) / gap) * 100).toFixed(0)}% of the provider's gap to it; the provider ${x(at301.preview.provider.cpu / counted.cpu)} it`,
    );
    const ratio = at301.preview.provider.cpu / at301.preview.floor.cpu;
    judge(`preview of 301 within ${TARGETS.previewRatio}x of the no-op floor (CPU time)`, `${x(ratio)} (wall ${x(at301.preview.provider.ms / at301.preview.floor.ms)}: ${s(at301.preview.provider.ms)} against ${s(at301.preview.floor.ms)})`, ratio <= TARGETS.previewRatio);
    const costs = (which: "provider" | "floor") => rows.slice(1).map((_, i) => per(i + 1, (q) => q.preview[which].cpu));
    const spread = (c: number[]) => Math.max(...c) / Math.min(...c);
    const ours = costs("provider");
    judge(
        `preview cost per resource flat within ${Math.round((TARGETS.flatness - 1) * 100)}% from 31 to 1,000`,
        `${ours.map((c) => c.toFixed(1)).join(" / ")} ms: largest ${x(spread(ours))} the smallest (the floor's: ${x(spread(costs("floor")))})`,
        spread(ours) <= TARGETS.flatness,
    );
}

async function upVersusFloor(): Promise<void> {
    const timing = { operationMs: 300, replicationMsPerRegion: 500 };
    const shape = { definitions: 10, versions: 10 };
    console.log(`\n3. up of 1 gallery, 10 definitions, 100 versions x 3 regions (emulator: ${timing.operationMs} ms per operation, ${timing.replicationMsPerRegion} ms per region, Retry-After 1 s); each twice, in turn, the faster counts`);
    const emulator = await emulatorWith(timing);
    try {
        let floor = { ms: Infinity, requests: 0 };
        let ours = { ms: Infinity, requests: 0, writes: 0, startMs: 0 };
        let engine = Infinity;
        for (let i = 0; i < 2; i++) {
            const sdk = await bareSdk(emulator, `floor_${i}`, shape);
            if (sdk.ms < floor.ms) floor = sdk;
            const at = emulator.requests.length;
            const started = Date.now();
            const up = must(await scaleStack("provider", emulator, `provider_${i}`, shape).up({ skipPreview: true }));
            const first = emulator.requests[at]?.at ?? Date.now();
            if (up.ms < ours.ms) ours = { ms: up.ms, requests: emulator.requests.length - at, writes: emulator.writes(at).length, startMs: first - started };
            engine = Math.min(engine, must(await scaleStack("floor", emulator, `noop_${i}`, shape).up({ skipPreview: true })).ms);
        }
        line("bare SDK in parallel (floor): requests / wall time", `${floor.requests} / ${s(floor.ms)}`);
        line("provider through the engine driver: requests / wall time", `${ours.requests} (${ours.writes} writes) / ${s(ours.ms)}`);
        line("  of which before its first request (program and host starting)", s(ours.startMs));
        line("the no-op provider's up of the same stack, same driver and host (no Azure)", s(engine));
        judge(`up within ${TARGETS.upRatio}x the bare SDK's requests`, `${x(ours.requests / floor.requests)} (${ours.requests} against ${floor.requests})`, ours.requests / floor.requests <= TARGETS.upRatio);
        judge(`up within ${TARGETS.upRatio}x the bare SDK's wall time`, `${x(ours.ms / floor.ms)} (${s(ours.ms)} against ${s(floor.ms)})`, ours.ms / floor.ms <= TARGETS.upRatio);
    } finally {
        await emulator.stop();
    }
}

async function replicationLatency(): Promise<void> {
    const perRegion = 2700;
    console.log(`\n4. From replication finished to the provider returning (3 regions x ${perRegion} ms)`);
    const emulator = await emulatorWith({ operationMs: 0, replicationMsPerRegion: perRegion });
    try {
        const returned = new Map<string, number>();
        const stack = scaleStack("provider", emulator, "latency", { definitions: 1, versions: 1 }, (urn) => returned.set(urn, Date.now()));
        const at = emulator.requests.length;
        must(await stack.up({ skipPreview: true }));
        const put = emulator.requests.slice(at).find((r) => r.method === "PUT" && r.path.includes("/versions/"))!;
        const finished = emulator.service.replicationEndsAt(armId("latency", "image-0", "1.0.0"))!;
        const back = [...returned].find(([urn]) => urn.endsWith("::image-0-1.0.0"))![1];
        const replication = finished - put.at;
        line("replication time (PUT accepted to last region done)", s(replication));
        line("provider returned after replication finished by", `${s(back - finished)}  (ratio ${((back - finished) / replication).toFixed(3)})`);
    } finally {
        await emulator.stop();
    }
}

async function main(): Promise<void> {
    // `npm run bench -- scaling up` runs only the sections named (by a word of their function's name);
    // a word that names none is refused, rather than a run that measures nothing and says so nowhere.
    const all = [stateSizes, scaling, upVersusFloor, replicationLatency];
    const named = process.argv.slice(2).map((a) => a.toLowerCase());
    const unknown = named.filter((n) => !all.some((f) => f.name.toLowerCase().includes(n)));
    if (unknown.length > 0) {
        console.error(`No section is named ${unknown.map((n) => `"${n}"`).join(", ")}; the sections: ${all.map((f) => f.name).join(", ")}.`);
        process.exit(2);
    }
    // The floor's SDK runs in this process, which must trust the emulator's CA from its start.
    const ca = await ensureCa(CERT_DIR);
    if (process.env.NODE_EXTRA_CA_CERTS !== ca) {
        const child = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: ca } });
        process.exit(child.status ?? 1);
    }
    const started = Date.now();
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
    console.log(`Benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${load()}`);
    const sections = all.filter((f) => named.length === 0 || named.some((n) => f.name.toLowerCase().includes(n)));
    for (const section of sections) {
        const at = Date.now();
        await section();
        console.log(`  (this section: ${s(Date.now() - at)})`);
    }
    console.log(`\nTargets (load average ${load()}, ${s(Date.now() - started)} in all)`);
    for (const v of verdicts) line(`${v.pass ? "PASS" : "FAIL"}  ${v.target}`, v.figure);
    // A missed target fails the run, so that a script or a CI step running the bench can tell.
    if (verdicts.some((v) => !v.pass)) process.exitCode = 1;
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
});
