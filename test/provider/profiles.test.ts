/**
 * inVMAccessControlProfiles through the provider against the emulator (the real SDK, ARM's re-cased
 * echoes, asynchronous answers): a profile, its inputs nested under `properties` as the SDK model has
 * them; its description and tags changed in place with one PATCH; another host endpoint replaces it;
 * the delete. After each, the next preview of the same program is quiet.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { galleryInputs, profileInputs, profileVersionInputs } from "./inputs";
import { Resource } from "./resource";

const GALLERY = "profiles";

const profileId = (profile: string, version?: string) =>
    `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/inVMAccessControlProfiles/${profile}${version ? `/versions/${version}` : ""}`;

/** What the emulator holds of a profile version, as far as these tests read it. */
interface HeldVersion {
    location: string;
    properties: { mode: string; defaultAccess: string; rules?: { privileges?: { name: string; path: string }[] }; targetLocations?: { name: string; regionalReplicaCount?: number }[] };
}

const RULES = {
    privileges: [{ name: "GoalState", path: "/machine", queryParameters: { comp: "goalstate" } }],
    roles: [{ name: "Provisioning", privileges: ["GoalState"] }],
    identities: [{ name: "agent", userName: "root", processName: "agent" }],
    roleAssignments: [{ role: "Provisioning", identities: ["agent"] }],
};

/** What the emulator holds of a profile, as far as these tests read it. */
interface HeldProfile {
    properties: { description?: string; osType: string; applicableHostEndpoint: string };
    tags?: Record<string, string>;
}

describe("inVMAccessControlProfiles against the emulator: create, update in place, replace, delete", function () {
    const emulator = emulatorForProvider({ echo: "recased", replicationMsPerRegion: 60 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.1" });
    const held = (name: string) => emulator().service.get(profileId(name)) as unknown as HeldProfile | undefined;
    const at = { galleryName: GALLERY };

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: GALLERY }));
    });

    it("a profile: created, its description and tags changed in place with one PATCH, quiet after each", async () => {
        const profile = new Resource("galleryInVMAccessControlProfile");
        const program = (properties: Inputs = {}, x: Inputs = {}) => profileInputs({ ...at, inVMAccessControlProfileName: "wire", ...x }, { description: "wire server access", ...properties });
        await profile.up(program());
        assert.strictEqual(String(profile.id).toLowerCase(), profileId("wire").toLowerCase(), "ARM re-cases ids in its answers");
        assert.strictEqual(held("wire")?.properties.applicableHostEndpoint, "WireServer");
        await profile.settled(program());

        const mark = emulator().requests.length;
        const d = await profile.up(program({ description: "wire server access v2" }, { tags: { team: "security" } }));
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"]);
        await profile.settled(program({ description: "wire server access v2" }, { tags: { team: "security" } }));
        const h = held("wire")!;
        assert.strictEqual(h.properties.description, "wire server access v2");
        assert.strictEqual(h.tags?.team, "security");
        assert.deepStrictEqual([h.properties.osType, h.properties.applicableHostEndpoint], ["Linux", "WireServer"], "the PATCH keeps what it did not change");
    });

    it("another host endpoint changes in place with one PATCH (as az sig in-vm-access-control-profile update sets it); another OS replaces the profile; the profile deletes", async () => {
        const profile = new Resource("galleryInVMAccessControlProfile");
        const wire = profileInputs({ ...at, inVMAccessControlProfileName: "endpoint" });
        await profile.up(wire);
        const imds = profileInputs({ ...at, inVMAccessControlProfileName: "endpoint" }, { applicableHostEndpoint: "IMDS" });
        const mark = emulator().requests.length;
        const d = await profile.up(imds);
        assert.deepStrictEqual([d?.changes, d?.replaces], [true, []]);
        assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"]);
        await profile.settled(imds);
        assert.deepStrictEqual([held("endpoint")?.properties.applicableHostEndpoint, held("endpoint")?.properties.osType], ["IMDS", "Linux"]);

        const windows = profileInputs({ ...at, inVMAccessControlProfileName: "endpoint" }, { applicableHostEndpoint: "IMDS", osType: "Windows" });
        const { diff } = await profile.preview(windows);
        assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [["properties"], true]);
        await providers.galleryInVMAccessControlProfile.delete!(String(profile.id), profile.outputs);
        const fresh = (await providers.galleryInVMAccessControlProfile.check!({}, windows)).inputs;
        ({ id: profile.id, outs: profile.outputs } = await providers.galleryInVMAccessControlProfile.create(fresh));
        profile.inputs = fresh;
        await profile.settled(windows);
        assert.strictEqual(held("endpoint")?.properties.osType, "Windows");

        await providers.galleryInVMAccessControlProfile.delete!(String(profile.id), profile.outputs);
        assert.strictEqual(held("endpoint"), undefined);
        assert.deepStrictEqual(await providers.galleryInVMAccessControlProfile.read!(String(profile.id), profile.outputs), {}, "a read of the deleted profile drops it");
    });

    it("a version in two locations: created and replicated, then its mode, rules and a replica count change in place with one PATCH each; another location replaces it; it deletes", async () => {
        await providers.galleryInVMAccessControlProfile.create((await providers.galleryInVMAccessControlProfile.check!({}, profileInputs({ ...at, inVMAccessControlProfileName: "rules" }))).inputs);
        const version = new Resource("galleryInVMAccessControlProfileVersion");
        const names = { ...at, inVMAccessControlProfileName: "rules" };
        const program = (x: Inputs = {}) => profileVersionInputs({ ...names, rules: RULES, targetLocations: [{ name: "westus" }, { name: "eastus" }], ...x });
        await version.up(program());
        assert.strictEqual(version.outputs.provisioningState, "Succeeded");
        await version.settled(program());

        const more = { ...RULES, privileges: [...RULES.privileges, { name: "Extensions", path: "/machine/extensions" }] };
        const steps: [string, Inputs][] = [
            ["the mode", { mode: "Enforce" }],
            ["the rules", { mode: "Enforce", rules: more }],
            ["a location's replica count", { mode: "Enforce", rules: more, targetLocations: [{ name: "westus" }, { name: "eastus", regionalReplicaCount: 2 }] }],
        ];
        for (const [what, x] of steps) {
            const mark = emulator().requests.length;
            const d = await version.up(program(x));
            assert.deepStrictEqual([d?.changes, d?.replaces], [true, []], what);
            assert.deepStrictEqual(emulator().writes(mark).map((w) => w.method), ["PATCH"], `${what}: one PATCH`);
            await version.settled(program(x));
        }
        const held = emulator().service.get(profileId("rules", "1.0.0")) as unknown as HeldVersion;
        assert.strictEqual(held.properties.mode, "Enforce");
        assert.deepStrictEqual(held.properties.rules?.privileges?.map((p) => p.name), ["GoalState", "Extensions"]);

        const moved = program({ ...steps[2][1], location: "eastus" });
        const { diff } = await version.preview(moved);
        assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [["location"], true]);
        await providers.galleryInVMAccessControlProfileVersion.delete!(String(version.id), version.outputs);
        const fresh = (await providers.galleryInVMAccessControlProfileVersion.check!({}, moved)).inputs;
        ({ id: version.id, outs: version.outputs } = await providers.galleryInVMAccessControlProfileVersion.create(fresh));
        version.inputs = fresh;
        await version.settled(moved);

        await providers.galleryInVMAccessControlProfileVersion.delete!(String(version.id), version.outputs);
        assert.strictEqual(emulator().service.get(profileId("rules", "1.0.0")), undefined);
    });

    it("a version name that is not major.minor.patch is refused at preview, naming the field (Azure CLI's reference for --profile-version)", async () => {
        for (const name of ["v1", "1.0", "1.0.2147483648"]) {
            const { failures } = await providers.galleryInVMAccessControlProfileVersion.check!({}, profileVersionInputs({ ...at, inVMAccessControlProfileName: "rules", inVMAccessControlProfileVersionName: name }));
            assert.deepStrictEqual((failures ?? []).map((f) => f.property), ["inVMAccessControlProfileVersionName"], name);
            assert.match(String(failures?.[0].reason), /major\.minor\.patch/);
        }
        const { failures } = await providers.galleryInVMAccessControlProfileVersion.check!({}, profileVersionInputs({ ...at, inVMAccessControlProfileName: "rules", inVMAccessControlProfileVersionName: "2026.12.6" }));
        assert.deepStrictEqual(failures, []);
    });

    it("an endpoint or OS outside the spec's closed enums is refused at preview, naming the field", async () => {
        const { failures } = await providers.galleryInVMAccessControlProfile.check!({}, profileInputs({ ...at }, { applicableHostEndpoint: "Metadata", osType: "Mac" }));
        const named = (failures ?? []).map((f) => f.property).sort();
        assert.deepStrictEqual(named, ["properties.applicableHostEndpoint", "properties.osType"]);
    });
});
