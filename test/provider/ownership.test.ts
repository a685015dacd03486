/**
 * The ownership tags: a create marks the resource in Azure with the stack resource that made it and
 * a claim of its own, so a run that finds its own interrupted create takes it back, anyone else's
 * resource is refused unless adopted, and the delete of an older claim leaves a resource taken back
 * alone. The emulator keeps tags as Azure does; the mark never reaches the program's view.
 */
import * as assert from "assert";
import { providers } from "../../provider/runtime";
import { Inputs } from "../../provider/schema/types";
import { armId, emulatorForProvider } from "../support/emulator";
import { galleryInputs } from "./inputs";

const URN = "urn:pulumi:ci::images::pulumi-nodejs:dynamic/azure-compute-gallery:Gallery::gallery";
const OTHER = "urn:pulumi:prod::images::pulumi-nodejs:dynamic/azure-compute-gallery:Gallery::gallery";
const tagsInAzure = (azure: ReturnType<ReturnType<typeof emulatorForProvider>>, name: string) => (azure.service.get(armId(name)) as { tags?: Record<string, string> }).tags;
/** The tags as Azure holds them, the claim (a random id per create) shown as its length. */
const marks = (tags: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(tags ?? {}).map(([k, v]) => [k, k === "managed-by-pulumi-claim" ? `${v.length} hex` : v]));

async function checked(news: Inputs): Promise<Inputs> {
    const { inputs, failures } = await providers.gallery.check!({}, news);
    assert.deepStrictEqual(failures, []);
    return inputs;
}

describe("the ownership tag", function () {
    const azure = emulatorForProvider({ operationMs: 0 }, { AZURE_GALLERY_PROGRESS_INTERVAL_SECONDS: "0.2" });

    it("marks what a create makes, beside the program's tags, and keeps it out of outputs and diffs", async () => {
        const inputs = await checked(galleryInputs({ galleryName: "marked", tags: { team: "images" }, __urn: URN }));
        const { outs } = await providers.gallery.create(inputs);
        assert.deepStrictEqual(marks(tagsInAzure(azure(), "marked")), { team: "images", "managed-by-pulumi": URN, "managed-by-pulumi-claim": "16 hex" });
        assert.deepStrictEqual(outs.tags, { team: "images" });
        assert.strictEqual(outs.__claim, tagsInAzure(azure(), "marked")?.["managed-by-pulumi-claim"], "the state knows its claim");
        assert.strictEqual((await providers.gallery.diff!("id", outs, inputs)).changes, false);

        // A tag change sends the whole map (ARM replaces it), the mark with it.
        const retagged = await checked(galleryInputs({ galleryName: "marked", tags: { team: "platform" }, __urn: URN }));
        const after = await providers.gallery.update!("id", outs, retagged);
        assert.deepStrictEqual(tagsInAzure(azure(), "marked"), { team: "platform", "managed-by-pulumi": URN, "managed-by-pulumi-claim": String(outs.__claim) }, "the claim stays the create's");
        assert.deepStrictEqual(after.outs?.tags, { team: "platform" });
    });

    it("a create that finds its own stack resource's gallery takes it back, writing only its own claim", async () => {
        const inputs = await checked(galleryInputs({ galleryName: "mine", __urn: URN }));
        const first = await providers.gallery.create(inputs);
        const mark = azure().requests.length;
        const again = await providers.gallery.create(inputs);
        assert.deepStrictEqual(azure().writes(mark).map((w) => w.method), ["PATCH"]);
        assert.strictEqual(again.id.toLowerCase(), armId("mine").toLowerCase());
        assert.notStrictEqual(again.outs.__claim, first.outs.__claim);
        assert.strictEqual(tagsInAzure(azure(), "mine")?.["managed-by-pulumi-claim"], again.outs.__claim);
    });

    it("a forced replacement that creates first (pulumi up --replace on a fixed name) keeps the resource: the old half's delete leaves it", async () => {
        const inputs = await checked(galleryInputs({ galleryName: "forced", __urn: URN }));
        const old = await providers.gallery.create(inputs);
        const replacement = await providers.gallery.create(inputs); // the engine's create-first step
        const mark = azure().requests.length;
        await providers.gallery.delete!(old.id, old.outs); // then the engine deletes the old half
        assert.deepStrictEqual(azure().writes(mark), [], "not deleted");
        assert.ok(azure().service.get(armId("forced")));
        await providers.gallery.delete!(replacement.id, replacement.outs);
        assert.strictEqual(azure().service.get(armId("forced")), undefined, "the current claim's delete deletes it");
    });

    it("another stack's resource is refused, naming its owner; adopt takes it over and moves the mark", async () => {
        await providers.gallery.create(await checked(galleryInputs({ galleryName: "theirs", __urn: OTHER })));
        const mine = await checked(galleryInputs({ galleryName: "theirs", __urn: URN }));
        await assert.rejects(providers.gallery.create(mine), /Gallery "golden-images\/theirs" already exists in Azure and is not managed by this stack\. It is marked \(tag managed-by-pulumi\) as created by urn:pulumi:prod::images::.*::gallery\. .*adopt: true/);
        await providers.gallery.create({ ...mine, adopt: true });
        assert.deepStrictEqual(marks(tagsInAzure(azure(), "theirs")), { "managed-by-pulumi": URN, "managed-by-pulumi-claim": "16 hex" });
    });

    it("adopting a resource Azure is still working on waits for that operation first", async () => {
        await providers.gallery.create(await checked(galleryInputs({ galleryName: "busy", __urn: OTHER })));
        azure().timing.operationMs = 1500;
        try {
            const edit = { method: "PATCH", path: armId("busy"), query: new URLSearchParams({ "api-version": "2025-03-03" }), body: { properties: { description: "edited in the portal" } }, baseUrl: azure().endpoint, faults: [] };
            assert.strictEqual(azure().service.handle(edit).status, 200, "someone's change, still running");
            const mark = azure().requests.length;
            const { outs } = await providers.gallery.create({ ...(await checked(galleryInputs({ galleryName: "busy", description: "ours", __urn: URN }))), adopt: true });
            assert.strictEqual(outs.description, "ours");
            const statuses = azure().requests.slice(mark).filter((r) => r.method === "PATCH").map((r) => r.status);
            assert.deepStrictEqual(statuses, [200], "sent once, after Azure finished: never refused as busy");
        } finally {
            azure().timing.operationMs = 0;
        }
    });

    it("the program may not set the mark itself, and it takes two of ARM's 50 tags", async () => {
        const own = await providers.gallery.check!({}, galleryInputs({ tags: { "Managed-By-Pulumi": "me" }, __urn: URN }));
        assert.match((own.failures ?? []).map((f) => f.reason).join("\n"), /tags may not use "Managed-By-Pulumi": the provider keeps it in Azure/);
        const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "x"]));
        const full = await providers.gallery.check!({}, galleryInputs({ tags: fifty, __urn: URN }));
        assert.match((full.failures ?? []).map((f) => f.reason).join("\n"), /tags may hold at most 48 tags, not 50 \(ARM allows 50; the ownership tags take the rest/);
    });

    describe("switched off (azure-compute-gallery:ownershipTag false)", function () {
        before(() => (process.env.AZURE_GALLERY_OWNERSHIP_TAG = "false"));
        after(() => delete process.env.AZURE_GALLERY_OWNERSHIP_TAG);

        it("creates without a mark, allows 50 tags, and refuses any existing resource without adopt", async () => {
            const inputs = await checked(galleryInputs({ galleryName: "unmarked", tags: { team: "images" }, __urn: URN }));
            await providers.gallery.create(inputs);
            assert.deepStrictEqual(tagsInAzure(azure(), "unmarked"), { team: "images" });
            await assert.rejects(providers.gallery.create(inputs), /already exists in Azure and is not managed by this stack\. Choose another name/);
            const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "x"]));
            assert.deepStrictEqual((await providers.gallery.check!({}, galleryInputs({ tags: fifty, __urn: URN }))).failures, []);
        });

        it("refuses a setting that is not true or false", async () => {
            process.env.AZURE_GALLERY_OWNERSHIP_TAG = "off";
            await assert.rejects(providers.gallery.check!({}, galleryInputs({ __urn: URN })), /azure-compute-gallery:ownershipTag must be true or false, not "off"/);
            process.env.AZURE_GALLERY_OWNERSHIP_TAG = "false";
        });
    });
});
