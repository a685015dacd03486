/**
 * VM applications through the provider against the emulator (the real SDK, ARM's re-cased echoes,
 * asynchronous answers): an application and a version replicated to two regions; what changes in
 * place (replica counts, excludeFromLatest, end of life, the SAS token of the package link, custom
 * actions); what replaces the version (its install command, another package); a replication that
 * fails in one region; the deletes. After each, the next preview of the same program is quiet. And
 * at preview: which part of the package link may change in place, and its token kept out of warnings.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { diff, secretsIn } from "../../provider/schema/engine";
import { KINDS } from "../../provider/schema/kinds";
import { Inputs } from "../../provider/schema/types";
import { UNKNOWN } from "../../provider/schema/values";
import { RESOURCE_GROUP, SUBSCRIPTION } from "../support/emulator";
import { emulatorForProvider } from "../support/emulator";
import { MEDIA_LINK, applicationInputs, applicationVersionInputs, galleryInputs } from "./inputs";
import { Resource } from "./resource";

const GALLERY = "apps";

const appId = (app: string, version?: string) =>
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/applications/${app}${version ? `/versions/${version}` : ""}`;

/** What the emulator holds of an application version, as far as these tests read it. */
interface Held {
    properties: {
        provisioningState?: string;
        publishingProfile: {
            source: { mediaLink: string };
            manageActions: { install: string };
            excludeFromLatest?: boolean;
            endOfLifeDate?: string;
            targetRegions: { name: string; regionalReplicaCount?: number }[];
        };
    };
}

/** The same link with another SAS token (a renewed signature). */
const renewed = MEDIA_LINK.replace(/sig=[^&]+/, "sig=UmVuZXdlZC1zaWduYXR1cmUtZm9yLXRlc3RzLW9ubHk%3D");

describe("VM applications against the emulator: create, update in place, replace, replication failure, delete", function () {
    const emulator = emulatorForProvider({ echo: "recased", replicationMsPerRegion: 60 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const held = (app: string, version: string) => emulator().service.get(appId(app, version)) as unknown as Held;
    const at = { galleryName: GALLERY };

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: GALLERY }));
    });

    it("an application: created, its description, EULA and custom actions changed in place, quiet after each", async () => {
        const app = new Resource("galleryApplication");
        const program = (x: Inputs = {}) => applicationInputs({ ...at, galleryApplicationName: "monitor", description: "monitoring agent", ...x });
        await app.up(program());
        assert.strictEqual(String(app.id).toLowerCase(), appId("monitor").toLowerCase(), "ARM re-cases ids in its answers");
        await app.settled(program());

        const actions = [{ name: "restart", script: "systemctl restart agent", parameters: [{ name: "delay", type: "String", defaultValue: "5" }] }];
        const mark = emulator().requests.length;
        const d = await app.up(program({ description: "monitoring agent v2", eula: "EULA 2", customActions: actions }));
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"]);
        await app.settled(program({ description: "monitoring agent v2", eula: "EULA 2", customActions: actions }));

        const more = [{ ...actions[0], parameters: [{ name: "delay", type: "String", defaultValue: "10" }] }, { name: "flush", script: "agent flush" }];
        assert.strictEqual((await app.up(program({ description: "monitoring agent v2", eula: "EULA 2", customActions: more })))?.changes, true);
        await app.settled(program({ description: "monitoring agent v2", eula: "EULA 2", customActions: more }));

        const os = await app.preview(program({ supportedOSType: "Windows" }));
        assert.deepStrictEqual(os.diff?.replaces, ["supportedOSType"], "the OS is fixed at create");
    });

    it("a version in two regions: created and replicated, then replica count, excludeFromLatest, end of life and the SAS token change in place", async () => {
        await providers.galleryApplication.create(applicationInputs({ ...at, galleryApplicationName: "agent" }));
        const version = new Resource("galleryApplicationVersion");
        const program = (publishing: Inputs = {}, regions: Inputs[] = [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }]) =>
            applicationVersionInputs({ ...at }, { targetRegions: regions, ...publishing });

        await version.up(program());
        assert.strictEqual(version.outputs.provisioningState, "Succeeded");
        const summary = (version.outputs.replicationStatus as { summary: { region: string; state: string }[] }).summary;
        assert.deepStrictEqual(summary.map((s) => [s.region, s.state]), [["West US", "Completed"], ["East US", "Completed"]]);
        assert.ok(typeof version.outputs.publishedDate === "string");
        await version.settled(program());

        // Each change alone: one PATCH, the version kept, the next preview quiet.
        const steps: [string, Inputs, Inputs[]?][] = [
            ["a region's replica count", {}, [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3 }]],
            ["excludeFromLatest", { excludeFromLatest: true }],
            ["the end of life", { excludeFromLatest: true, endOfLifeDate: "2099-06-30T00:00:00Z" }],
            ["the SAS token of the package link", { excludeFromLatest: true, endOfLifeDate: "2099-06-30T00:00:00Z", source: { mediaLink: renewed } }],
        ];
        for (const [what, publishing, regions] of steps) {
            const p = program(publishing, regions ?? [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 3 }]);
            const mark = emulator().requests.length;
            const d = await version.up(p);
            assert.deepStrictEqual([d?.changes, d?.replaces], [true, []], what);
            assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"], `${what}: one PATCH`);
            await version.settled(p);
        }
        const pub = held("agent", "1.0.0").properties.publishingProfile;
        assert.deepStrictEqual(pub.targetRegions.map((r) => [r.name, r.regionalReplicaCount]), [["West US", 1], ["East US", 3]]);
        assert.strictEqual(pub.excludeFromLatest, true);
        assert.strictEqual(new Date(String(pub.endOfLifeDate)).toISOString(), "2099-06-30T00:00:00.000Z");
        assert.strictEqual(pub.source.mediaLink, renewed, "Azure holds the new token");

        // Replica counts above 10 are refused at preview (VM Applications overview: up to 10 per region).
        const { failures } = await providers.galleryApplicationVersion.check!(version.inputs, program({}, [{ name: "westus", regionalReplicaCount: 11 }, { name: "eastus" }]));
        assert.match(JSON.stringify(failures), /regionalReplicaCount must be at most 10, not 11/);
    });

    it("another install command, or another package, replaces the version; the next preview is quiet", async () => {
        await providers.galleryApplication.create(applicationInputs({ ...at, galleryApplicationName: "collector" }));
        const names = { ...at, galleryApplicationName: "collector" };
        const version = new Resource("galleryApplicationVersion");
        await version.up(applicationVersionInputs(names));

        const replace = async (program: Inputs, property: string) => {
            const { diff } = await version.preview(program);
            assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [[property], true]);
            await providers.galleryApplicationVersion.delete!(String(version.id), version.outputs);
            const fresh = (await providers.galleryApplicationVersion.check!({}, program)).inputs;
            ({ id: version.id, outs: version.outputs } = await providers.galleryApplicationVersion.create(fresh));
            version.inputs = fresh;
            await version.settled(program);
        };
        const installed = applicationVersionInputs(names, { manageActions: { install: "./install.sh --quiet", remove: "./remove.sh" } });
        await replace(installed, "publishingProfile");
        assert.strictEqual(held("collector", "1.0.0").properties.publishingProfile.manageActions.install, "./install.sh --quiet");

        // The link without its token is the package: another blob is another version.
        const moved = applicationVersionInputs(names, { manageActions: { install: "./install.sh --quiet", remove: "./remove.sh" }, source: { mediaLink: MEDIA_LINK.replace("agent.zip", "agent-2.zip") } });
        await replace(moved, "publishingProfile");
        assert.match(held("collector", "1.0.0").properties.publishingProfile.source.mediaLink, /agent-2\.zip\?/);
    });

    it("a replication that fails in one region names it; the version stays in state, the preview shows the retry, and the retry settles it", async () => {
        await providers.galleryApplication.create(applicationInputs({ ...at, galleryApplicationName: "shipper" }));
        const program = applicationVersionInputs({ ...at, galleryApplicationName: "shipper" }, { targetRegions: [{ name: "westus" }, { name: "eastus" }] });
        emulator().faults.add({ method: "PUT", path: "/applications/shipper/versions/", action: { kind: "replicationFails", region: "eastus", message: "the package could not be copied" }, times: 1 });
        const checked = (await providers.galleryApplicationVersion.check!({}, program)).inputs;
        const err = await providers.galleryApplicationVersion.create(checked).then(
            () => assert.fail("the create should fail"),
            (e: Error & { id?: string; properties?: Inputs }) => e,
        );
        assert.match(err.message, /East US.*the package could not be copied/);
        assert.strictEqual(err.id?.toLowerCase(), appId("shipper", "1.0.0").toLowerCase(), "the error carries the id, so Pulumi records the version");
        assert.strictEqual(err.properties?.provisioningState, "Failed");

        const version = new Resource("galleryApplicationVersion");
        version.id = err.id;
        version.inputs = checked;
        version.outputs = err.properties!;
        const { diff } = await version.preview(program);
        assert.deepStrictEqual([diff?.changes, diff?.replaces], [true, []], "the failed region is retried by an update");
        await version.up(program);
        assert.strictEqual(version.outputs.provisioningState, "Succeeded");
        await version.settled(program);
    });

    it("deletes the versions, then the application that held them", async () => {
        const app = applicationInputs({ ...at, galleryApplicationName: "temporary" });
        const { id: applicationId, outs: a } = await providers.galleryApplication.create(app);
        const { id: versionId, outs: v } = await providers.galleryApplicationVersion.create((await providers.galleryApplicationVersion.check!({}, applicationVersionInputs({ ...at, galleryApplicationName: "temporary" }))).inputs);
        emulator().faults.nestedDeleteLagMs = 200;
        try {
            await providers.galleryApplicationVersion.delete!(versionId, v);
            await providers.galleryApplication.delete!(applicationId, a);
        } finally {
            emulator().faults.nestedDeleteLagMs = 0;
        }
        assert.strictEqual(emulator().service.get(appId("temporary")), undefined);
        assert.deepStrictEqual(await providers.galleryApplication.read!(applicationId, a), {}, "a read of the deleted application drops it");
    });
});

describe("VM applications at preview: the package link's parts, and its token in what preview says", function () {
    const spec = KINDS.galleryApplicationVersion;
    const link = (url: string) => applicationVersionInputs({}, { source: { mediaLink: url } });

    it("a new SAS token (or none) is an update; another account, container or blob replaces the version", () => {
        const cost = (url: string) => diff(spec, link(MEDIA_LINK), link(url)).map((c) => [c.path, c.onChange]);
        assert.deepStrictEqual(cost(renewed), [["publishingProfile.source.mediaLink", "update"]]);
        assert.deepStrictEqual(cost(MEDIA_LINK.split("?")[0]), [["publishingProfile.source.mediaLink", "update"]], "only the token changes");
        assert.deepStrictEqual(cost(MEDIA_LINK), []);
        for (const other of [MEDIA_LINK.replace("contosoapps", "fabrikamapps"), MEDIA_LINK.replace("/packages/", "/archive/"), MEDIA_LINK.replace("agent.zip", "Agent.zip")]) {
            assert.deepStrictEqual(cost(other), [["publishingProfile.source.mediaLink", "replace"]], other);
        }
        const unknown = diff(spec, link(MEDIA_LINK), link(UNKNOWN));
        assert.deepStrictEqual(unknown.map((c) => c.onChange), ["replace"], "a link known only at apply may be another blob");
    });

    it("the credentials in the inputs are the token's query and its signature, as written and decoded", () => {
        const found = secretsIn(spec, applicationVersionInputs({}, { source: { mediaLink: MEDIA_LINK, defaultConfigurationLink: "https://contosoapps.blob.core.windows.net/packages/agent.cfg" } }));
        const signature = new URLSearchParams(MEDIA_LINK.split("?")[1]).get("sig")!;
        assert.deepStrictEqual(found, [MEDIA_LINK.split("?")[1], signature, encodeURIComponent(signature)]);
    });

    it("a configuration link taken out of the program stays in Azure, and the warning saying so names no token", async () => {
        const version = new Resource("galleryApplicationVersion");
        const config = MEDIA_LINK.replace("agent.zip", "agent.cfg");
        version.inputs = (await providers.galleryApplicationVersion.check!({}, applicationVersionInputs({}, { source: { mediaLink: MEDIA_LINK, defaultConfigurationLink: config } }))).inputs;
        const { said } = await version.preview(applicationVersionInputs());
        const notice = said.find((m) => m.includes("defaultConfigurationLink"));
        assert.match(String(notice), /defaultConfigurationLink was removed from the program; it stays "https:\/\/contosoapps\.blob\.core\.windows\.net\/packages\/agent\.cfg\?\[secret\]" in Azure/);
        assert.ok(!said.join("\n").includes(config.split("sig=")[1]), said.join("\n"));
    });
});
