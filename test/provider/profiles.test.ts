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
import { galleryInputs, profileInputs } from "./inputs";
import { Resource } from "./resource";

const GALLERY = "profiles";

const profileId = (profile: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries/${GALLERY}/inVMAccessControlProfiles/${profile}`;

/** What the emulator holds of a profile, as far as these tests read it. */
interface HeldProfile {
    properties: { description?: string; osType: string; applicableHostEndpoint: string };
    tags?: Record<string, string>;
}

describe("inVMAccessControlProfiles against the emulator: create, update in place, replace, delete", function () {
    const emulator = emulatorForProvider({ echo: "recased" });
    const held = (name: string) => emulator().service.get(profileId(name)) as unknown as HeldProfile | undefined;
    const at = { galleryName: GALLERY };

    before(async () => {
        await providers.gallery.create(galleryInputs({ galleryName: GALLERY }));
    });

    it("a profile: created, its description and tags changed in place with one PATCH, quiet after each", async () => {
        const profile = new Resource("galleryInVMAccessControlProfile");
        const program = (properties: Inputs = {}, x: Inputs = {}) => profileInputs({ ...at, inVMAccessControlProfileName: "wire", ...x }, { description: "wire server access", ...properties });
        await profile.up(program());
        assert.strictEqual(String(profile.outputs.id).toLowerCase(), profileId("wire").toLowerCase(), "ARM re-cases ids in its answers");
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

    it("another host endpoint replaces the profile; the next preview is quiet; the profile deletes", async () => {
        const profile = new Resource("galleryInVMAccessControlProfile");
        const wire = profileInputs({ ...at, inVMAccessControlProfileName: "endpoint" });
        await profile.up(wire);
        const imds = profileInputs({ ...at, inVMAccessControlProfileName: "endpoint" }, { applicableHostEndpoint: "IMDS" });
        const { diff } = await profile.preview(imds);
        assert.deepStrictEqual([diff?.replaces, diff?.deleteBeforeReplace], [["properties"], true]);
        await providers.galleryInVMAccessControlProfile.delete!(String(profile.outputs.id), profile.outputs);
        const fresh = (await providers.galleryInVMAccessControlProfile.check!({}, imds)).inputs;
        profile.outputs = (await providers.galleryInVMAccessControlProfile.create(fresh)).outs;
        profile.inputs = fresh;
        await profile.settled(imds);
        assert.strictEqual(held("endpoint")?.properties.applicableHostEndpoint, "IMDS");

        await providers.galleryInVMAccessControlProfile.delete!(String(profile.outputs.id), profile.outputs);
        assert.strictEqual(held("endpoint"), undefined);
        assert.deepStrictEqual(await providers.galleryInVMAccessControlProfile.read!(String(profile.outputs.id), profile.outputs), {}, "a read of the deleted profile drops it");
    });

    it("an endpoint or OS outside the spec's closed enums is refused at preview, naming the field", async () => {
        const { failures } = await providers.galleryInVMAccessControlProfile.check!({}, profileInputs({ ...at }, { applicableHostEndpoint: "Metadata", osType: "Mac" }));
        const named = (failures ?? []).map((f) => f.property).sort();
        assert.deepStrictEqual(named, ["properties.applicableHostEndpoint", "properties.osType"]);
    });
});
