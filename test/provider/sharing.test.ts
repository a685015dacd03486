/** Gallery sharing (groups and community) through Azure's /share, against the emulator. */
import { setEnv } from "../support/env";
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { ArmEmulator } from "../../emulator/server";
import { RESOURCE_GROUP, SUBSCRIPTION, armId, startTestEmulator } from "../support/emulator";

const A = "11111111-1111-1111-1111-111111111111";
const B = "22222222-2222-2222-2222-222222222222";
const T = "33333333-3333-3333-3333-333333333333";
const gallery = providers.gallery;

describe("gallery sharing", function () {
    let emulator: ArmEmulator;
    const saved = { ...process.env };
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0 });
        Object.assign(process.env, { ARM_ENDPOINT: emulator.endpoint, ARM_ACCESS_TOKEN: "pipeline-token", ARM_SUBSCRIPTION_ID: SUBSCRIPTION });
    });
    after(async () => {
        setEnv(saved);
        await emulator.stop();
    });

    const shared = (groups: Inputs[] | undefined): Inputs => ({
        resourceGroupName: RESOURCE_GROUP,
        galleryName: "partners",
        location: "westus",
        sharingProfile: { permissions: "Groups", ...(groups ? { groups } : {}) },
    });
    const writes = (from: number) => emulator.writes(from).map((w) => `${w.method} ${w.path.split("/").slice(-2).join("/")}`);

    it("a shared gallery's PUT whose answer was lost is read back and followed, not sent again, though its sharing is still to come", async () => {
        emulator.faults.add({ method: "PUT", path: /\/galleries\/lostshare$/i, action: { kind: "dropAnswer" }, times: 1 });
        const at = emulator.requests.length;
        await gallery.create((await gallery.check!({}, { ...shared([{ type: "Subscriptions", ids: [A] }]), galleryName: "lostshare" })).inputs);
        assert.deepStrictEqual(writes(at), ["PUT galleries/lostshare", "POST lostshare/share"]);
    });

    it("shares with groups at create, changes them in place, and a second run changes nothing", async () => {
        let at = emulator.requests.length;
        const created = await gallery.create((await gallery.check!({}, shared([{ type: "Subscriptions", ids: [A] }]))).inputs);
        assert.deepStrictEqual(writes(at), ["PUT galleries/partners", "POST partners/share"]);
        assert.deepStrictEqual((created.outs.sharingProfile as Inputs).groups, [{ type: "Subscriptions", ids: [A] }]);

        const olds = created.outs;
        const news = (await gallery.check!(olds, shared([{ type: "Subscriptions", ids: [B] }, { type: "AADTenants", ids: [T] }]))).inputs;
        const d = await gallery.diff!("id", olds, news);
        assert.deepStrictEqual([d.changes, d.replaces], [true, []], "sharing changes in place");
        at = emulator.requests.length;
        const updated = (await gallery.update!("id", olds, news)).outs ?? {};
        assert.deepStrictEqual(writes(at), ["POST partners/share", "POST partners/share"], "Remove then Add, no PATCH");
        const groups = (updated.sharingProfile as { groups: { type: string; ids: string[] }[] }).groups;
        assert.deepStrictEqual(Object.fromEntries(groups.map((g) => [g.type, g.ids])), { Subscriptions: [B], AADTenants: [T] });

        // Ids in another case and groups in another order are the same sharing.
        const same = (await gallery.check!(updated, shared([{ type: "AADTenants", ids: [T.toUpperCase()] }, { type: "Subscriptions", ids: [B] }]))).inputs;
        assert.strictEqual((await gallery.diff!("id", updated, same)).changes, false);

        // Sharing made outside the stack is found by refresh; leaving groups out leaves it alone.
        emulator.service.drift(armId("partners"), { sharedWith: [{ type: "Subscriptions", ids: [B, A] }, { type: "AADTenants", ids: [T] }] });
        const refreshed = (await gallery.read!("id", updated)).props ?? {};
        assert.ok(JSON.stringify(refreshed.sharingProfile).includes(A));
        assert.strictEqual((await gallery.diff!("id", refreshed, (await gallery.check!(refreshed, shared(undefined))).inputs)).changes, false);
        assert.strictEqual((await gallery.diff!("id", refreshed, same)).changes, true, "declared groups put it back");

        // An update through PATCH still reports the groups, so the next run sees no change.
        const described = (await gallery.check!(refreshed, { ...shared(undefined), description: "partners" })).inputs;
        const afterPatch = (await gallery.update!("id", refreshed, described)).outs ?? {};
        assert.ok(JSON.stringify(afterPatch.sharingProfile).includes(A), JSON.stringify(afterPatch));
        assert.strictEqual((await gallery.diff!("id", afterPatch, described)).changes, false);
    });

    it("a failed /share names it, and the gallery Azure created is recorded so the next update retries the sharing", async () => {
        emulator.faults.add({ method: "POST", path: "/galleries/refused/share", action: { kind: "operationFails", code: "SharingFailed", message: "tenant is not reachable" }, times: 1 });
        const inputs = (await gallery.check!({}, { ...shared([{ type: "AADTenants", ids: [T] }]), galleryName: "refused" })).inputs;
        const err = await gallery.create(inputs).then(
            () => assert.fail("create should fail"),
            (e: Error & { id?: string; properties?: Inputs }) => e,
        );
        assert.match(err.message, /Azure refused to change the sharing of Gallery "golden-images\/refused": .*tenant is not reachable/);
        assert.ok(err.id?.endsWith("/galleries/refused"), "the gallery exists and is recorded");
        const retried = (await gallery.update!(err.id!, err.properties!, inputs)).outs ?? {};
        assert.deepStrictEqual((retried.sharingProfile as Inputs).groups, [{ type: "AADTenants", ids: [T] }]);
    });

    it("refuses groups on a gallery that is not shared with groups, at check", async () => {
        const { failures = [] } = await gallery.check!({}, { ...shared([{ type: "Subscriptions", ids: [A] }]), sharingProfile: { permissions: "Private", groups: [{ type: "Subscriptions", ids: [A] }] } });
        assert.deepStrictEqual(failures.map((f) => f.property), ["sharingProfile.groups"]);
        const bad = await gallery.check!({}, shared([{ type: "Subscriptions", ids: ["not-a-guid"] }]));
        assert.match(String(bad.failures?.[0]?.reason), /sharingProfile\.groups\[0\]\.ids must hold subscription or tenant ids/);
    });

    it("publishes to the community with EnableCommunity, and refuses to unpublish in place", async () => {
        const info = { publisherUri: "https://contoso.com", publisherContact: "images@contoso.com", eula: "https://contoso.com/eula", publicNamePrefix: "contoso" };
        const inputs = { resourceGroupName: RESOURCE_GROUP, galleryName: "community", location: "westus", sharingProfile: { permissions: "Community", communityGalleryInfo: { ...info, communityGalleryEnabled: true } } };
        const at = emulator.requests.length;
        const { outs } = await gallery.create((await gallery.check!({}, inputs)).inputs);
        assert.deepStrictEqual(writes(at), ["PUT galleries/community", "POST community/share"]);
        assert.match(String((outs.communityPublicNames as string[])[0]), /^contoso-/);
        const off = { ...inputs, sharingProfile: { permissions: "Community", communityGalleryInfo: { ...info, communityGalleryEnabled: false } } };
        await assert.rejects(gallery.diff!("id", outs, off), /communityGalleryEnabled cannot go back to false/);
    });

    it("deletes a gallery published to the community by resetting its sharing first, as Azure asks (the emulator refuses the delete otherwise)", async () => {
        const info = { publisherUri: "https://contoso.com", publisherContact: "images@contoso.com", eula: "https://contoso.com/eula", publicNamePrefix: "gone" };
        const inputs = { resourceGroupName: RESOURCE_GROUP, galleryName: "publicgone", location: "westus", sharingProfile: { permissions: "Community", communityGalleryInfo: { ...info, communityGalleryEnabled: true } } };
        const { outs } = await gallery.create((await gallery.check!({}, inputs)).inputs);
        const at = emulator.requests.length;
        await gallery.delete!("id", outs);
        assert.deepStrictEqual(writes(at), ["POST publicgone/share", "DELETE galleries/publicgone"]);
        assert.strictEqual(emulator.service.get(armId("publicgone")), undefined);
    });

    it("leaves a shared gallery's sharing alone when it still holds definitions, so a delete Azure refuses stops nothing", async () => {
        const { outs } = await gallery.create((await gallery.check!({}, { ...shared([{ type: "Subscriptions", ids: [A] }]), galleryName: "stillfull" })).inputs);
        const image = { resourceGroupName: RESOURCE_GROUP, galleryName: "stillfull", galleryImageName: "kept", location: "westus", osType: "Linux", osState: "Generalized", identifier: { publisher: "p", offer: "o", sku: "s" } };
        await providers.galleryImage.create((await providers.galleryImage.check!({}, image)).inputs);
        const at = emulator.requests.length;
        // Azure refuses the delete while definitions remain (the provider retries that refusal for a while, as Azure lags).
        await assert.rejects(gallery.delete!("id", { ...outs, timeouts: { delete: "2s" } }), /CannotDeleteResource|stopped waiting for the delete/);
        assert.ok(!writes(at).some((w) => w.endsWith("/share")), writes(at).join(", "));
        assert.ok(JSON.stringify(emulator.service.get(armId("stillfull"))).includes(A), "still shared");
    });

    it("refuses at check more subscriptions or tenants than Azure shares a gallery with (30 and 5, share-gallery-direct.md)", async () => {
        const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
        const ok = await gallery.check!({}, shared([{ type: "Subscriptions", ids: Array.from({ length: 30 }, (_, i) => guid(i)) }, { type: "AADTenants", ids: Array.from({ length: 5 }, (_, i) => guid(100 + i)) }]));
        assert.deepStrictEqual(ok.failures, []);
        const tooMany = await gallery.check!({}, shared([{ type: "Subscriptions", ids: Array.from({ length: 31 }, (_, i) => guid(i)) }, { type: "AADTenants", ids: Array.from({ length: 6 }, (_, i) => guid(100 + i)) }]));
        assert.deepStrictEqual(tooMany.failures?.map((f) => f.property), ["sharingProfile.groups[0].ids", "sharingProfile.groups[1].ids"]);
        assert.match(String(tooMany.failures?.[0].reason), /holds 31 subscriptions; Azure shares a gallery with at most 30 subscriptions and 5 tenants/);
    });

    it("counts distinct subscriptions (GUIDs without case) toward the limit, and leaves a group type newer than the package to Azure (the spec's enum is open)", async () => {
        const guid = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
        const thirty = Array.from({ length: 30 }, (_, i) => guid(i));
        const repeated = await gallery.check!({}, shared([{ type: "Subscriptions", ids: [...thirty, thirty[0].toUpperCase()] }]));
        assert.deepStrictEqual(repeated.failures, [], "thirty subscriptions, one of them written twice");
        const newer = await gallery.check!({}, shared([{ type: "ManagementGroups", ids: ["platform-team"] }]));
        assert.deepStrictEqual(newer.failures, [], "no GUID rule for a type the package does not know");
        const known = await gallery.check!({}, shared([{ type: "Subscriptions", ids: ["platform-team"] }]));
        assert.deepStrictEqual(known.failures?.map((f) => f.property), ["sharingProfile.groups[0].ids"]);
    });

    it("refuses sharing in Azure Government at check (\"The feature is not available in government clouds.\")", async () => {
        const { failures = [] } = await gallery.check!({}, { ...shared([{ type: "Subscriptions", ids: [A] }]), location: "usgovvirginia" });
        assert.deepStrictEqual(failures.map((f) => f.property), ["sharingProfile.permissions"]);
        assert.match(failures[0].reason, /not available in Azure Government/);
        const privateGallery = await gallery.check!({}, { resourceGroupName: RESOURCE_GROUP, galleryName: "govprivate", location: "USGov Virginia", sharingProfile: { permissions: "Private" } });
        assert.deepStrictEqual(privateGallery.failures, []);
    });
});
