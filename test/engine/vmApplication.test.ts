/**
 * The vm-application example's two builds (the ones `npm run demo` plays) through Pulumi's real
 * dynamic-provider host against the emulator, plan by plan: the first publishes 1.0.0 to two
 * regions; the second creates 1.1.0 and updates 1.0.0 in place (out of latest, end of life),
 * replacing no published version; a third run plans nothing. The package link's SAS token, a
 * secret in stack config, reaches Azure and no log line, message or checkpoint.
 */
import * as assert from "assert";
import type { ApplicationManifest } from "../../examples/vm-application/manifest";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { EngineDriver, RunResult } from "./driver";
import { changeLine } from "./jsonDiff";
import { JsonFile, applicationBuilds, stack } from "./stacks";
import { changed, diffOf, name, ok } from "./runs";

/** A container SAS token as a pipeline hands one over; the signature is the canary. */
const SIGNATURE = "canary-app-sas-5c9e17d2";
const SAS = `sv=2024-11-04&se=2099-01-01T00%3A00%3A00Z&sr=c&sp=r&sig=${SIGNATURE}`;
const CONTAINER = "https://contosoapps.blob.core.windows.net/packages";
const versionPath = (v: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/vm_apps/applications/monitoring-agent/versions/${v}`;
type HeldVersion = { properties: { publishingProfile: { source: { mediaLink: string }; excludeFromLatest?: boolean; endOfLifeDate?: string; targetRegions: { name: string }[] } } };

describe("engine scenarios: the vm-application example's two builds through the real dynamic-provider host", function () {
    let emulator: ArmEmulator;
    let s: EngineDriver;
    let first: ApplicationManifest;
    let file: JsonFile<ApplicationManifest>;
    /** Every line a user or a log collector sees of each run: progress messages, the host's stderr, errors, outputs, the plan's diffs. */
    const seen: string[] = [];
    const run = async (r: Promise<RunResult>) => {
        const result = await r;
        seen.push(
            ...result.logs.map((l) => l.message),
            result.hostStderr,
            result.error ?? "",
            JSON.stringify(result.outputs),
            ...result.steps.flatMap((st) => (st.changes ?? []).map(changeLine)),
        );
        return result;
    };
    const held = (v: string) => emulator.service.get(versionPath(v)) as HeldVersion | undefined;

    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
        first = applicationBuilds.first();
        file = new JsonFile("versions.json", first);
        s = stack("vm-application", emulator, { manifest: file.path, packageSas: SAS }, { progressIntervalSeconds: 1 });
    });
    after(() => emulator.stop());

    it("the first build creates the gallery, the application and 1.0.0, replicated to two regions from the package link", async () => {
        const preview = await run(s.preview());
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["create agent", "create agent-1.0.0", "create apps"]);
        const r = await run(s.up({ skipPreview: true }));
        ok(r);
        assert.deepStrictEqual(changed(r), changed(preview), "the up does what the preview said");
        assert.strictEqual(r.outputs.latestVersion, "1.0.0");
        assert.deepStrictEqual(r.outputs.replication, ["West US: Completed", "East US: Completed"]);
        const v = held("1.0.0")!.properties.publishingProfile;
        assert.strictEqual(v.source.mediaLink, `${CONTAINER}/monitoring-agent-1.0.0.tar.gz?${SAS}`, "the token reached Azure");
        assert.deepStrictEqual(v.targetRegions.map((t) => t.name).sort(), ["East US", "West US"], "Azure names the regions by display name");
    });

    it("the second build creates 1.1.0 and updates 1.0.0 in place (out of latest, end of life); no published version is replaced or deleted", async () => {
        file.write(applicationBuilds.second(first));
        const preview = await run(s.preview());
        ok(preview);
        assert.deepStrictEqual(changed(preview), ["create agent-1.1.0", "update agent-1.0.0"]);
        assert.deepStrictEqual(diffOf(preview, "agent-1.0.0").sort(), [
            '+ publishingProfile.endOfLifeDate: "2030-06-30T00:00:00Z"',
            "~ publishingProfile.excludeFromLatest: false => true",
        ]);
        const at = emulator.requests.length;
        const r = await run(s.up({ skipPreview: true }));
        ok(r);
        assert.deepStrictEqual(changed(r), changed(preview), "the up does what the preview said");
        assert.ok(!r.steps.some((st) => st.op === "replace" || st.op === "delete"), "nothing replaced or deleted");
        assert.deepStrictEqual(
            emulator.writes(at).map((w) => `${w.method} ${w.path.replace(/.*\/applications\//, "")}`).sort(),
            ["PATCH monitoring-agent/versions/1.0.0", "PUT monitoring-agent/versions/1.1.0"],
        );
        assert.strictEqual(r.outputs.latestVersion, "1.1.0");
        const old = held("1.0.0")!.properties.publishingProfile;
        assert.deepStrictEqual([old.excludeFromLatest, old.endOfLifeDate?.slice(0, 10)], [true, "2030-06-30"]);
        assert.strictEqual(held("1.1.0")!.properties.publishingProfile.source.mediaLink, `${CONTAINER}/monitoring-agent-1.1.0.tar.gz?${SAS}`);
    });

    it("a third run plans nothing and writes nothing", async () => {
        const at = emulator.requests.length;
        const r = await run(s.up());
        ok(r);
        assert.deepStrictEqual(changed(r), []);
        assert.deepStrictEqual(emulator.writes(at), []);
    });

    it("the SAS token is in no log line, message, output or diff, and encrypted in the checkpoint", () => {
        assert.ok(seen.length > 0);
        for (const line of seen) assert.ok(!line.includes(SIGNATURE), `the SAS token is visible: ${line.slice(0, 300)}`);
        assert.ok(!JSON.stringify(s.checkpoint()).includes(SIGNATURE), "the SAS token is in the checkpoint");
        const version = s.checkpoint().find((r) => name(r.urn) === "agent-1.1.0")!;
        const link = (version.inputs.publishingProfile as { source: { mediaLink: unknown } }).source.mediaLink;
        assert.ok(typeof link === "object" && link !== null && "ciphertext" in link, "the link is kept encrypted: the config secret made it one");
    });
});
