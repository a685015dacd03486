/**
 * The versioned family kinds (application, script and inVMAccessControlProfile versions) through
 * Pulumi's real dynamic-provider host against the emulator, one stack per kind walking through a
 * version's life: created with its definition and gallery; a region's replica count changed in place
 * (one write of the version, then a quiet preview); a create-only field changed, which replaces the
 * version alone (MUTABILITY.md §8, §10, §12); a replication that fails in one region, which fails the
 * run naming the version and the region, is recorded, and is settled by the next run; and a destroy
 * that leaves nothing in Azure.
 */
import * as assert from "assert";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, startTestEmulator } from "../support/emulator";
import { MEDIA_LINK, SCRIPT_LINK } from "../provider/inputs";
import { EngineDriver, StateResource } from "./driver";
import { stack } from "./stacks";
import { changed, name, ok } from "./runs";

type Body = Record<string, unknown>;
const get = (v: unknown, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Body)[k] : undefined), v);

interface Region {
    name: string;
    regionalReplicaCount?: number;
}

/** What differs between the kinds; the scenario is the same. */
interface KindCase {
    kind: "application" | "script" | "profile";
    gallery: string;
    /** The definition's and the version's paths below the gallery. */
    definition: string;
    version: string;
    /** The blob link the version replicates, where it has one. */
    link?: string;
    /** Where the version's regions are, in its inputs and in Azure's answer (the same path: `properties` nests for scripts only). */
    regions: string;
    /** Where the version's provisioning state is in its outputs. */
    provisioningState: string;
    /** The top-level input a change of the regions is listed under in the plan. */
    regionsInput: string;
    /** A create-only field: MUTABILITY.md's row, the stack config that changes it, the input the plan names, and what Azure then holds. */
    createOnly: { source: string; config: Record<string, string>; input: string; path: string; held: string };
}

const CASES: KindCase[] = [
    {
        kind: "application",
        gallery: "apps_lifecycle",
        definition: "applications/agent",
        version: "applications/agent/versions/1.0.0",
        link: MEDIA_LINK,
        regions: "publishingProfile.targetRegions",
        provisioningState: "provisioningState",
        regionsInput: "publishingProfile",
        createOnly: {
            source: 'MUTABILITY.md §8: manageActions.install "no" (VM Applications overview: "Updatable: No")',
            config: { install: "./install.sh --clean" },
            input: "publishingProfile",
            path: "properties.publishingProfile.manageActions.install",
            held: "./install.sh --clean",
        },
    },
    {
        kind: "script",
        gallery: "scripts_lifecycle",
        definition: "scripts/setup",
        version: "scripts/setup/versions/1.0.0",
        link: SCRIPT_LINK,
        regions: "properties.publishingProfile.targetRegions",
        provisioningState: "properties.provisioningState",
        regionsInput: "properties",
        createOnly: {
            source: 'MUTABILITY.md §12: storageAccountType "no" (spec: "This property is not updatable.")',
            config: { storageAccountType: "Premium_LRS" },
            input: "properties",
            path: "properties.publishingProfile.storageAccountType",
            held: "Premium_LRS",
        },
    },
    {
        kind: "profile",
        gallery: "profiles_lifecycle",
        definition: "inVMAccessControlProfiles/hostAccess",
        version: "inVMAccessControlProfiles/hostAccess/versions/1.0.0",
        regions: "targetLocations",
        provisioningState: "provisioningState",
        regionsInput: "targetLocations",
        createOnly: {
            source: 'MUTABILITY.md §10: location "no" (TrackedResource.location, x-ms-mutability read, create)',
            config: { versionLocation: "eastus" },
            input: "location",
            path: "location",
            held: "East US",
        },
    },
];

const TWO: Region[] = [{ name: "westus" }, { name: "eastus" }];
const MORE_IN_EAST: Region[] = [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }];
const THREE: Region[] = [...MORE_IN_EAST, { name: "northeurope" }];

describe("engine scenarios: each versioned family kind through the real dynamic-provider host", function () {
    let emulator: ArmEmulator;
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, replicationMsPerRegion: 50 });
    });
    after(() => emulator.stop());

    for (const c of CASES) {
        describe(`a ${c.kind} version`, function () {
            let s: EngineDriver;
            const galleryId = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${c.gallery}`;
            const held = (below?: string) => emulator.service.get(below ? `${galleryId}/${below}` : galleryId) as Body | undefined;
            /** The writes Azure received since `from`, as method and path below the gallery. */
            const writes = (from: number) => emulator.writes(from).map((w) => `${w.method} ${w.path.slice(w.path.toLowerCase().indexOf(`/galleries/${c.gallery}`) + `/galleries/${c.gallery}`.length).replace(/^\//, "") || "gallery"}`);
            const heldRegions = () => (get(held(c.version), `properties.${c.regions.replace(/^properties\./, "")}`) as Region[]).map((r) => `${r.name}=${r.regionalReplicaCount ?? 1}`);
            const version = (): StateResource => [...s.state.values()].find((r) => name(r.urn) === "version")!;
            /** The next preview plans nothing and asks Azure nothing. */
            const quiet = async () => {
                const at = emulator.requests.length;
                const preview = await s.preview();
                ok(preview);
                assert.deepStrictEqual(changed(preview), [], JSON.stringify(preview.steps.filter((x) => x.op !== "same")));
                assert.strictEqual(emulator.requests.length - at, 0, "check and diff decide from state");
            };

            before(() => {
                s = stack("fixtures/versioned", emulator, { kind: c.kind, galleryName: c.gallery, regions: JSON.stringify(TWO), ...(c.link ? { link: c.link } : {}) });
            });

            it("is created with its definition and gallery, replicated to two regions", async () => {
                const preview = await s.preview();
                ok(preview);
                assert.deepStrictEqual(changed(preview), ["create definition", "create gallery", "create version"]);
                const at = emulator.requests.length;
                const r = await s.up({ skipPreview: true });
                ok(r);
                assert.deepStrictEqual(changed(r), changed(preview), "the up does what the preview said");
                assert.deepStrictEqual(writes(at), ["PUT gallery", `PUT ${c.definition}`, `PUT ${c.version}`], "each after what it lives in");
                assert.deepStrictEqual(heldRegions(), ["West US=1", "East US=1"]);
                assert.strictEqual(get(version().outputs, c.provisioningState), "Succeeded");
                await quiet();
            });

            it("a region's replica count changes in place: one write of the version and nothing else, then a quiet preview", async () => {
                s.config["versioned:regions"] = JSON.stringify(MORE_IN_EAST);
                const preview = await s.preview();
                ok(preview);
                assert.deepStrictEqual(
                    preview.steps.filter((x) => x.op !== "same").map((x) => `${x.op} ${name(x.urn)} ${x.properties}`),
                    [`update version ${c.regionsInput}`],
                );
                const at = emulator.requests.length;
                const r = await s.up({ skipPreview: true });
                ok(r);
                assert.deepStrictEqual(changed(r), ["update version"]);
                const w = writes(at);
                assert.strictEqual(w.length, 1, w.join("; "));
                assert.match(w[0], new RegExp(`^(PATCH|PUT) ${c.version.replace(/\./g, "\\.")}$`));
                assert.deepStrictEqual(heldRegions(), ["West US=1", "East US=2"]);
                await quiet();
            });

            it(`a create-only field replaces the version alone, deleting it first since its name is fixed (${c.createOnly.source})`, async () => {
                Object.entries(c.createOnly.config).forEach(([k, v]) => (s.config[`versioned:${k}`] = v));
                const preview = await s.preview();
                ok(preview);
                assert.deepStrictEqual(
                    preview.steps.filter((x) => x.op !== "same").map((x) => ({ urn: name(x.urn), op: x.op, properties: x.properties, deleteBeforeReplace: x.deleteBeforeReplace })),
                    [{ urn: "version", op: "replace", properties: [c.createOnly.input], deleteBeforeReplace: true }],
                    "nothing else is replaced",
                );
                const at = emulator.requests.length;
                const r = await s.up({ skipPreview: true });
                ok(r);
                assert.deepStrictEqual(changed(r), ["delete version", "replace version"]);
                assert.deepStrictEqual(writes(at), [`DELETE ${c.version}`, `PUT ${c.version}`]);
                assert.strictEqual(get(held(c.version), c.createOnly.path), c.createOnly.held);
                assert.deepStrictEqual(heldRegions(), ["West US=1", "East US=2"]);
                await quiet();
            });

            it("a replication that fails in a region it is added to fails the run, naming the version and the region; the state records the version as Azure has it", async () => {
                s.config["versioned:regions"] = JSON.stringify(THREE);
                emulator.faults.add({ method: "PATCH", path: `/galleries/${c.gallery}/${c.version}`, action: { kind: "replicationFails", region: "northeurope", message: "the storage account in the region refused the copy" }, times: 1 });
                const failed = await s.up();
                assert.match(String(failed.error), /::version: .*North Europe.*the storage account in the region refused the copy/);
                const recorded = version();
                assert.strictEqual(get(recorded.outputs, c.provisioningState), "Failed", "the engine keeps what Azure has");
                assert.ok(recorded.initErrors?.length, "recorded as failed to initialise");
            });

            it("the next run sends the version again and settles it; then a quiet preview", async () => {
                const preview = await s.preview();
                ok(preview);
                assert.deepStrictEqual(changed(preview), ["update version"], "the failure is still a difference at preview");
                const at = emulator.requests.length;
                const retried = await s.up({ skipPreview: true });
                ok(retried);
                assert.deepStrictEqual(changed(retried), ["update version"]);
                assert.deepStrictEqual(writes(at), [`PUT ${c.version}`], "sent again whole, which is how Azure retries it");
                assert.strictEqual(get(version().outputs, c.provisioningState), "Succeeded");
                assert.strictEqual(version().initErrors, undefined);
                assert.deepStrictEqual(heldRegions(), ["West US=1", "East US=2", "North Europe=1"]);
                await quiet();
            });

            it("a destroy deletes the version, then its definition, then the gallery: nothing is left in Azure", async () => {
                const at = emulator.requests.length;
                const r = await s.destroy();
                ok(r);
                assert.deepStrictEqual(writes(at), [`DELETE ${c.version}`, `DELETE ${c.definition}`, "DELETE gallery"]);
                assert.deepStrictEqual([held(c.version), held(c.definition), held()], [undefined, undefined, undefined]);
                assert.strictEqual(s.state.size, 0);
            });
        });
    }
});
