/**
 * `npm run bench`: figures and ratios, measured in one run on this machine (noisy machines: compare
 * the ratios, not the absolute times). Every run goes through the engine driver and Pulumi's real
 * dynamic-provider host against the emulator, as the scenario tests do.
 *
 *  1. __provider bytes and state bytes per resource;
 *  2. preview (Check + Diff) of ~300 resources: wall time, host peak memory, requests made;
 *  3. up of 1 gallery, 10 definitions, 100 versions x 3 regions: requests and wall time, each as a
 *     ratio to a bare-SDK script creating the same resources in parallel (the floor);
 *  4. time from the emulator finishing a replication to the provider returning, as a ratio to the
 *     replication time.
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

const REGIONS = ["westus", "eastus", "northeurope"];
const SOURCE = managedImage("bench");

const CERT_DIR = path.join(ROOT, ".emulator", "ca");

async function emulatorWith(timing: EmulatorOptions): Promise<ArmEmulator> {
    return startEmulator({ certDir: CERT_DIR, resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], ...timing });
}

function scaleStack(emulator: ArmEmulator, galleryName: string, definitions: number, versions: number, onStep?: (urn: string) => void): EngineDriver {
    const config = { galleryName, regions: JSON.stringify(REGIONS), sourceId: SOURCE, definitions: String(definitions), versions: String(versions) };
    return stack("bench/scale", emulator, config, { onStep: onStep && ((s) => onStep(s.urn)) });
}

function must(r: RunResult): RunResult {
    if (r.error) throw new Error(r.error);
    return r;
}

const mb = (n: number | undefined) => (n === undefined ? "n/a" : `${(n / 1024 / 1024).toFixed(0)} MiB`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(58)} ${value}`);

/** The floor: the same resources made with the bare SDK, everything that can run in parallel at once. */
async function bareSdk(emulator: ArmEmulator, galleryName: string, definitions: number, versions: number): Promise<void> {
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
}

async function stateSizes(): Promise<void> {
    console.log("\n1. State size (the scale stack: 1 gallery, 2 definitions, 4 versions)");
    const emulator = await emulatorWith({ operationMs: 0, replicationMsPerRegion: 10 });
    try {
        const stack = scaleStack(emulator, "sizes", 2, 2);
        must(await stack.up({ skipPreview: true }));
        const byType = new Map<string, { provider: number; state: number; n: number }>();
        for (const r of stack.state.values()) {
            const t = r.type.split(":").pop()!;
            const e = byType.get(t) ?? { provider: 0, state: 0, n: 0 };
            e.provider += String(r.inputs.__provider).length;
            e.state += JSON.stringify(r).length;
            e.n++;
            byType.set(t, e);
        }
        for (const [t, e] of byType) {
            line(`${t}: __provider bytes / state bytes per resource`, `${(e.provider / e.n).toFixed(0)} B / ${(e.state / e.n).toFixed(0)} B  (__provider is stored twice: ${(((2 * e.provider) / e.state) * 100).toFixed(0)}% of it)`);
        }
    } finally {
        await emulator.stop();
    }
}

async function preview300(): Promise<void> {
    console.log("\n2. Preview of 301 resources (1 gallery, 20 definitions, 280 versions) through the real host");
    const emulator = await emulatorWith({ operationMs: 0, replicationMsPerRegion: 5 });
    try {
        const stack = scaleStack(emulator, "preview", 20, 14);
        const empty = must(await stack.preview());
        const at = emulator.requests.length;
        must(await stack.up({ skipPreview: true }));
        const upRequests = emulator.requests.length - at;
        const before = emulator.requests.length;
        const full = must(await stack.preview());
        const requests = emulator.requests.length - before;
        line("preview of an empty stack (Check only): wall time", s(empty.ms));
        line("preview of the deployed stack (Check + Diff): wall time", `${s(full.ms)}  (${(full.ms / 301).toFixed(1)} ms per resource)`);
        line("  host process peak memory", mb(full.hostPeakRssBytes));
        line("  HTTP requests to Azure during preview (goal 0)", String(requests));
        line("  (for scale: requests made by the up that deployed it)", String(upRequests));
    } finally {
        await emulator.stop();
    }
}

async function upVersusFloor(): Promise<void> {
    const timing = { operationMs: 300, replicationMsPerRegion: 500 };
    console.log(`\n3. up of 1 gallery, 10 definitions, 100 versions x 3 regions (emulator: ${timing.operationMs} ms per operation, ${timing.replicationMsPerRegion} ms per region, Retry-After 1 s)`);
    const emulator = await emulatorWith(timing);
    try {
        let at = emulator.requests.length;
        const started = Date.now();
        await bareSdk(emulator, "floor", 10, 10);
        const floorMs = Date.now() - started;
        const floorRequests = emulator.requests.length - at;

        at = emulator.requests.length;
        const up = must(await scaleStack(emulator, "provider", 10, 10).up({ skipPreview: true }));
        const upRequests = emulator.requests.length - at;
        const writes = emulator.writes(at).length;
        line("bare SDK in parallel (floor): requests / wall time", `${floorRequests} / ${s(floorMs)}`);
        line("provider through the engine driver: requests / wall time", `${upRequests} (${writes} writes) / ${s(up.ms)}`);
        line("ratio to the floor: requests / wall time", `${(upRequests / floorRequests).toFixed(2)}x / ${(up.ms / floorMs).toFixed(2)}x`);
        const preview = must(await scaleStack(emulator, "provider", 10, 10).preview());
        line("  for comparison, a preview of the same stack (program, host, Check, Diff)", s(preview.ms));
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
        const stack = scaleStack(emulator, "latency", 1, 1, (urn) => returned.set(urn, Date.now()));
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
    // The floor's SDK runs in this process, which must trust the emulator's CA from its start.
    const ca = await ensureCa(CERT_DIR);
    if (process.env.NODE_EXTRA_CA_CERTS !== ca) {
        const child = spawnSync(process.execPath, process.argv.slice(1), { stdio: "inherit", env: { ...process.env, NODE_EXTRA_CA_CERTS: ca } });
        process.exit(child.status ?? 1);
    }
    console.log(`Benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
    await stateSizes();
    await preview300();
    await upVersusFloor();
    await replicationLatency();
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
});
