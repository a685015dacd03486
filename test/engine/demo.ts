/**
 * `npm run demo`: the golden-image example stack, run the way `pulumi up` runs it, without the
 * Pulumi CLI or an Azure subscription. The emulator plays Azure; the engine driver plays the engine
 * around Pulumi's real dynamic-provider host. Prints the preview, the update with its progress
 * messages and outputs, then a second run that finds nothing to change, with the emulator answering
 * as ARM often does: ids re-cased, regions by display name, the source images' disks reported.
 */
import { startEmulator } from "../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";
import { Op, RunResult, Step } from "./driver";
import { LogEntry } from "./host";
import { managedImage, stack } from "./stacks";

const SYMBOL: Record<Op, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " ", refresh: "~", read: ">" };
const PAST: Record<Op, string> = { create: "created", update: "updated", replace: "replaced", delete: "deleted", same: "unchanged", refresh: "refreshed", read: "read" };

const parts = (urn: string) => {
    const [type, name] = urn.split("::").slice(-2);
    return { type: type.replace("pulumi-nodejs:dynamic/", ""), name };
};

function row(step: Step, done: boolean): string {
    const { type, name } = parts(step.urn);
    const what = done ? PAST[step.op] : step.op;
    const detail = step.properties?.length ? ` [${step.op === "replace" ? "replace on" : "diff"}: ${step.properties.join(", ")}]` : "";
    return ` ${SYMBOL[step.op].padEnd(3)}${type.padEnd(45)}${name.padEnd(20)}${what}${detail}`;
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

async function main(): Promise<void> {
    const emulator = await startEmulator({ resourceGroups: [`${SUBSCRIPTION}/${RESOURCE_GROUP}`], operationMs: 200, replicationMsPerRegion: 1500 });
    // The builds' managed images: versions made from them report their disks, as Azure's do.
    for (const build of ["ubuntu-build-1042", "ubuntu-build-1017"]) {
        emulator.service.registerSource(managedImage(build), { location: "westus", osDiskSizeGB: 30, dataDisks: [{ lun: 0, sizeInGB: 64 }] });
    }
    let live = false;
    const driver = stack(
        "golden-image",
        emulator,
        { imageVersion: "1.1.0", managedImageId: managedImage("ubuntu-build-1042"), previousImageVersion: "1.0.0", previousManagedImageId: managedImage("ubuntu-build-1017") },
        {
            progressIntervalSeconds: 1,
            onLog: (l: LogEntry) => live && console.log(`     ${parts(l.urn).name.padEnd(16)} ${l.severity === "info" ? "" : `${l.severity}: `}${l.message}`),
            onStep: (s) => live && console.log(row(s, true)),
        },
    );
    try {
        console.log(`Azure Resource Manager emulator at ${emulator.endpoint}\n`);
        for (const run of ["first run: an empty stack", "second run: nothing changed, Azure re-casing ids and naming regions by display name"]) {
            if (emulator.service.echo === "asWritten" && run.startsWith("second")) {
                emulator.service.echo = "recased";
                console.log("(the emulator now answers with ids re-cased, e.g. …/resourcegroups/GOLDEN-IMAGES/providers/microsoft.compute/…)\n");
                const refreshed = await driver.refresh();
                if (refreshed.error) throw new Error(refreshed.error);
            }
            console.log(`=== ${run} ===\n\nPreviewing update (dev):`);
            const before = emulator.requests.length;
            const preview = await driver.preview();
            for (const s of preview.steps) console.log(row(s, false));
            if (preview.error) throw new Error(preview.error);
            console.log(`\n${summary(preview, false)}\n\nUpdating (dev):`);
            live = true;
            const up = await driver.up({ skipPreview: true });
            live = false;
            if (up.error) throw new Error(up.error);
            console.log(`\n${outputs(up)}\n\n${summary(up, true)}`);
            console.log(`Requests to Azure: ${emulator.requests.length - before}, of which writes: ${emulator.writes(before).length}\n`);
        }
    } finally {
        await emulator.stop();
    }
}

main().catch((e: unknown) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
