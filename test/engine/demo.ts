/**
 * `npm run demo`: the example stacks, run the way a pipeline runs `pulumi up` for each build,
 * without the Pulumi CLI or an Azure subscription. The emulator plays Azure; the engine driver plays
 * the engine around Pulumi's real dynamic-provider host. Each run prints its plan with the changed
 * values (as `pulumi preview --diff`), then the update's progress messages and outputs.
 *
 * golden-image: the first build publishes the example's manifest as committed; the next build's
 * pipeline deletes the published builds' images, appends its version to the manifest and removes the
 * oldest, and the GoldenImage component takes the one before out of latest. A third run, with the emulator answering as ARM often
 * does (ids re-cased, regions by display name, the source images' disks reported), finds nothing to
 * change.
 *
 * vm-application: the first build publishes 1.0.0 of the agent to two regions from its package
 * blob; the next appends 1.1.0 and takes 1.0.0 out of latest with an end of life, in place; a
 * third run finds nothing to change.
 *
 * `npm run demo` plays both, one after the other; `npm run demo -- golden-image` or
 * `npm run demo -- vm-application` plays one.
 */
import * as path from "path";
import type { ApplicationManifest } from "../../examples/vm-application/manifest";
import { ArmEmulator, startEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";
import { EngineDriver, Op, RunResult, Step } from "./driver";
import { LogEntry } from "./host";
import { changeLine, jsonChanges } from "./jsonDiff";
import { APPLICATION_MANIFEST, EXAMPLE_MANIFEST, JsonFile, ManifestFile, ROOT, StackName, applicationBuilds, demoBuilds, registerBuildImages, stack } from "./stacks";

const SYMBOL: Record<Op, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " ", refresh: "~", read: ">" };
const PAST: Record<Op, string> = { create: "created", update: "updated", replace: "replaced", delete: "deleted", same: "unchanged", refresh: "refreshed", read: "read" };

/** A resource's own type and name; a child's type indented under its parent's, as the CLI's tree shows it. */
const parts = (urn: string) => {
    const [types, name] = urn.split("::").slice(-2);
    const chain = types.split("$");
    return { type: `${"  ".repeat(chain.length - 1)}${chain[chain.length - 1].replace("pulumi-nodejs:dynamic/", "")}`, name };
};

function row(step: Step, done: boolean): string {
    const { type, name } = parts(step.urn);
    const what = done ? PAST[step.op] : step.op;
    const detail = step.properties?.length ? ` [${step.op === "replace" ? "replace on" : "diff"}: ${step.properties.join(", ")}]` : "";
    return ` ${SYMBOL[step.op].padEnd(3)}${type.padEnd(49)}${name.padEnd(20)}${what}${detail}`;
}

/** A planned step with its changed values under it, as `pulumi preview --diff` lists them. */
function planned(step: Step): string {
    return [row(step, false), ...(step.changes ?? []).map((c) => `        ${changeLine(c)}`)].join("\n");
}

/** What a build's commit did to the manifest, entry by entry (`from`: what a new entry is published from). */
function manifestEdits<E extends { version: string }>(before: { versions: E[] }, after: { versions: E[] }, from: (e: E) => string): string[] {
    const old = new Map(before.versions.map((e) => [e.version, e]));
    const now = new Map(after.versions.map((e) => [e.version, e]));
    return [
        ...after.versions.filter((e) => !old.has(e.version)).map((e) => `   + ${e.version} from ${from(e)}`),
        ...after.versions.filter((e) => old.has(e.version)).flatMap((e) => jsonChanges(old.get(e.version), e).map((c) => `   ${e.version}: ${changeLine(c)}`)),
        ...before.versions.filter((e) => !now.has(e.version)).map((e) => `   - ${e.version} (retired)`),
    ];
}

function summary(r: RunResult, done: boolean): string {
    const counts = new Map<Op, number>();
    for (const s of r.steps) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
    const lines = [...counts].map(([op, n]) => `    ${SYMBOL[op] === " " ? "" : `${SYMBOL[op]} `}${n} ${op === "same" ? "unchanged" : done ? PAST[op] : `to ${op}`}`);
    return `Resources:\n${lines.join("\n")}\n\nDuration: ${(r.ms / 1000).toFixed(1)}s`;
}

function outputs(r: RunResult): string {
    const width = Math.max(...Object.keys(r.outputs).map((k) => k.length));
    return `Outputs:\n${Object.entries(r.outputs)
        .map(([k, v]) => `    ${k.padEnd(width)}: ${JSON.stringify(v)}`)
        .join("\n")}`;
}

/** One `pulumi up` as a pipeline runs it: the preview with its changes, then the update with its progress. */
async function run(title: string, driver: EngineDriver, emulator: ArmEmulator, live: { on: boolean }): Promise<void> {
    console.log(`=== ${title} ===\n\nPreviewing update (dev):`);
    const before = emulator.requests.length;
    const preview = await driver.preview();
    for (const s of preview.steps) console.log(planned(s));
    if (preview.error) throw new Error(preview.error);
    console.log(`\n${summary(preview, false)}\n\nUpdating (dev):`);
    live.on = true;
    const up = await driver.up({ skipPreview: true });
    live.on = false;
    if (up.error) throw new Error(up.error);
    console.log(`\n${outputs(up)}\n\n${summary(up, true)}`);
    console.log(`Requests to Azure: ${emulator.requests.length - before}, of which writes: ${emulator.writes(before).length}\n`);
}

/** Prints each progress message and completed step while an update runs, as `pulumi up` does. */
function demoStack(name: StackName, emulator: ArmEmulator, config: Record<string, string>, live: { on: boolean }): EngineDriver {
    return stack(name, emulator, config, {
        progressIntervalSeconds: 1,
        onLog: (l: LogEntry) => live.on && console.log(`     ${parts(l.urn).name.padEnd(16)} ${l.severity === "info" ? "" : `${l.severity}: `}${l.message}`),
        onStep: (s) => live.on && console.log(row(s, true)),
    });
}

async function goldenImage(): Promise<void> {
    const emulator = await startEmulator({ resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], operationMs: 200, replicationMsPerRegion: 1500 });
    const first = demoBuilds.first();
    const second = demoBuilds.second(first);
    // The builds' managed images: versions made from them report their disks, as Azure's do.
    registerBuildImages(emulator, [first, second].flatMap((m) => m.versions.map((e) => e.source)));
    const manifest = new ManifestFile(first);
    const live = { on: false };
    const driver = demoStack("golden-image", emulator, { manifest: manifest.path }, live);
    try {
        console.log(`##### examples/golden-image\n\nAzure Resource Manager emulator at ${emulator.endpoint}\n`);
        await run(`build 1042: the manifest as committed (${path.relative(ROOT, EXAMPLE_MANIFEST)})`, driver, emulator, live);

        for (const e of first.versions) emulator.service.removeSource(e.source);
        console.log(`(the published builds' images are deleted in Azure: ${first.versions.map((e) => e.source.split("/").pop()).join(", ")}; their versions no longer need them)`);
        manifest.write(second);
        console.log(`(build 1063's pipeline edits the manifest:\n${manifestEdits(first, second, (e) => e.source.split("/").pop()!).join("\n")})\n`);
        await run("build 1063: a new version, the one before out of latest, the oldest retired", driver, emulator, live);

        emulator.service.echo = "recased";
        console.log("(the emulator now answers with ids re-cased, e.g. …/resourcegroups/GOLDEN-IMAGES/providers/microsoft.compute/…, and the stack is refreshed)\n");
        const refreshed = await driver.refresh();
        if (refreshed.error) throw new Error(refreshed.error);
        await run("a third run: nothing changed, Azure re-casing ids and naming regions by display name", driver, emulator, live);
    } finally {
        await emulator.stop();
    }
}

/** A read SAS token for the packages container, as the pipeline's secret holds it (stack config `packageSas`, set with --secret). */
const DEMO_SAS = "sv=2024-11-04&se=2099-01-01T00%3A00%3A00Z&sr=c&sp=r&sig=demo-signature-kept-secret";

async function vmApplication(): Promise<void> {
    const emulator = await startEmulator({ resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], operationMs: 200, replicationMsPerRegion: 1500 });
    const first = applicationBuilds.first();
    const second = applicationBuilds.second(first);
    const manifest = new JsonFile<ApplicationManifest>("versions.json", first);
    const live = { on: false };
    const driver = demoStack("vm-application", emulator, { manifest: manifest.path, packageSas: DEMO_SAS }, live);
    try {
        console.log(`##### examples/vm-application\n\nAzure Resource Manager emulator at ${emulator.endpoint}\n`);
        await run(`agent build 1: the manifest as committed (${path.relative(ROOT, APPLICATION_MANIFEST)})`, driver, emulator, live);

        manifest.write(second);
        console.log(`(agent build 2's pipeline uploads its package and edits the manifest:\n${manifestEdits(first, second, (e) => e.package).join("\n")})\n`);
        await run("agent build 2: a new version; the one before out of latest and at end of life, still published", driver, emulator, live);
        await run("a third run: nothing changed", driver, emulator, live);
    } finally {
        await emulator.stop();
    }
}

const EXAMPLES: Record<string, () => Promise<void>> = { "golden-image": goldenImage, "vm-application": vmApplication };

async function main(): Promise<void> {
    const asked = process.argv.slice(2);
    const unknown = asked.filter((a) => !(a in EXAMPLES));
    if (unknown.length > 0) throw new Error(`no example ${unknown.join(", ")} (examples: ${Object.keys(EXAMPLES).join(", ")})`);
    for (const name of asked.length > 0 ? asked : Object.keys(EXAMPLES)) await EXAMPLES[name]();
}

main().catch((e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
