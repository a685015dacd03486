/**
 * getSharedImageVersion and getCommunityImageVersion against the emulator's shared and community
 * gallery reads, through the real SDK, as a consumer's subscription calls them: a version by name,
 * "latest" over lists of more than one page, and Azure's refusal of a caller the gallery is not
 * shared with, in Azure's own words.
 */
import * as assert from "assert";
import { getCommunityImageVersion, getSharedImageVersion, getSharedImageVersionOutput } from "../../provider";
import type { JsonObject } from "../../emulator/json";
import { arr, obj } from "../../emulator/json";
import { RESOURCE_GROUP, SUBSCRIPTION, emulatorForProvider } from "../support/emulator";
import { armOk } from "../support/http";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
/** The subscription the publisher shares with, and one it does not. */
const CONSUMER = "00000000-0000-0000-0000-0000000000c1";
const STRANGER = "00000000-0000-0000-0000-0000000000c3";
const SOURCE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden`;
const image = (offer: string): JsonObject => ({ location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer, sku: "1" } } });
const version = (publishing: JsonObject = {}): JsonObject => ({ location: "westus", properties: { storageProfile: { source: { id: SOURCE } }, publishingProfile: publishing } });
const VERSIONS_LIST = /\/locations\/westus\/(sharedGalleries|communityGalleries)\/[^/]+\/images\/app\/versions$/i;

describe("image versions shared with you: by name and latest, against the emulator's shared and community reads", function () {
    const emulator = emulatorForProvider({ operationMs: 0, pageSize: 2 });
    let uniqueName = "";
    let publicName = "";
    const published: Record<string, string> = {};

    /** Versions 1.9.0 and 1.10.0, 2.0.0 out of latest, 1.11.0 past its end of life: "latest" is 1.10.0, not 1.9.0 as text would sort. */
    async function publishVersions(gallery: string): Promise<void> {
        await armOk(emulator(), "PUT", `${galleries}/${gallery}/images/app`, image(gallery));
        const soon = new Date(Date.now() + 1500).toISOString();
        for (const [name, publishing] of [["1.9.0", {}], ["1.10.0", {}], ["2.0.0", { excludeFromLatest: true }], ["1.11.0", { endOfLifeDate: soon }]] as const) {
            const v = await armOk(emulator(), "PUT", `${galleries}/${gallery}/images/app/versions/${name}`, version(publishing));
            published[`${gallery}/${name}`] = String(obj(obj(v.properties).publishingProfile).publishedDate);
        }
    }

    before(async () => {
        emulator().service.registerSource(SOURCE, { location: "westus", osDiskSizeGB: 30 });
        await armOk(emulator(), "PUT", `${galleries}/direct`, { location: "westus", properties: { sharingProfile: { permissions: "Groups" } } });
        await armOk(emulator(), "POST", `${galleries}/direct/share`, { operationType: "Add", groups: [{ type: "Subscriptions", ids: [CONSUMER] }] });
        uniqueName = String(obj(obj((await armOk(emulator(), "GET", `${galleries}/direct`)).properties).identifier).uniqueName);
        await publishVersions("direct");

        const community = { permissions: "Community", communityGalleryInfo: { publisherUri: "https://contoso.example", publisherContact: "images@contoso.example", eula: "https://contoso.example/eula", publicNamePrefix: "contoso" } };
        const created = await armOk(emulator(), "PUT", `${galleries}/public`, { location: "westus", properties: { sharingProfile: community } });
        publicName = String(arr(obj(obj(obj(created.properties).sharingProfile).communityGalleryInfo).publicNames)[0]);
        await armOk(emulator(), "POST", `${galleries}/public/share`, { operationType: "EnableCommunity" });
        await publishVersions("public");
        // 1.11.0's end of life passes.
        await new Promise((r) => setTimeout(r, 1600));
    });

    const shared = (galleryImageVersionName: string, subscriptionId = CONSUMER) => getSharedImageVersion({ location: "westus", galleryUniqueName: uniqueName, galleryImageName: "app", galleryImageVersionName, subscriptionId });

    it("a shared version by name: Azure's unique id, published date, end of life and excludeFromLatest", async () => {
        assert.deepStrictEqual(await shared("2.0.0"), {
            id: `/SharedGalleries/${uniqueName}/Images/app/Versions/2.0.0`,
            name: "2.0.0",
            location: "westus",
            publishedDate: new Date(published["direct/2.0.0"]).toISOString(),
            endOfLifeDate: undefined,
            excludeFromLatest: true,
        });
        const retired = await shared("1.11.0");
        assert.ok(retired.endOfLifeDate !== undefined && Date.parse(retired.endOfLifeDate) < Date.now(), "a version past its end of life is still read by name");
    });

    it('"latest" reads every page of the versions and picks the highest by semver, not excluded from latest and not past its end of life', async () => {
        const at = emulator().requests.length;
        const latest = await shared("latest");
        assert.deepStrictEqual([latest.name, latest.id], ["1.10.0", `/SharedGalleries/${uniqueName}/Images/app/Versions/1.10.0`]);
        assert.strictEqual(emulator().requests.slice(at).filter((r) => r.method === "GET" && VERSIONS_LIST.test(r.path)).length, 2, "four versions, two pages");
    });

    it("a gallery not shared with the caller: Azure's refusal in its own words, naming what was asked", async () => {
        await assert.rejects(shared("1.9.0", STRANGER), /^Error: Azure refused to read shared gallery image version "[^"]+-DIRECT\/app\/1\.9\.0" in westus: ResourceNotFound: /);
        await assert.rejects(shared("latest", STRANGER), /^Error: Azure refused to list the versions of shared gallery image "[^"]+-DIRECT\/app" in westus: ResourceNotFound: /);
    });

    it("a community version by name and latest, by the gallery's public name, for any subscription", async () => {
        const community = (galleryImageVersionName: string, subscriptionId = STRANGER) => getCommunityImageVersion({ location: "westus", publicGalleryName: publicName, galleryImageName: "app", galleryImageVersionName, subscriptionId });
        const named = await community("1.9.0");
        assert.deepStrictEqual([named.id, named.publishedDate, named.excludeFromLatest], [`/CommunityGalleries/${publicName}/Images/app/Versions/1.9.0`, new Date(published["public/1.9.0"]).toISOString(), false]);
        assert.strictEqual((await community("latest")).name, "1.10.0");
        await assert.rejects(
            getCommunityImageVersion({ location: "westus", publicGalleryName: "contoso-unknown", galleryImageName: "app", galleryImageVersionName: "latest", subscriptionId: CONSUMER }),
            /^Error: Azure refused to list the versions of community gallery image "contoso-unknown\/app" in westus: ResourceNotFound: /,
        );
    });

    it("the Output form takes inputs and resolves to the same version", async () => {
        const out = getSharedImageVersionOutput({ location: Promise.resolve("westus"), galleryUniqueName: uniqueName, galleryImageName: "app", galleryImageVersionName: "latest", subscriptionId: CONSUMER });
        const resolved = await new Promise((resolve) => out.apply(resolve));
        assert.deepStrictEqual(resolved, await shared("latest"));
    });
});
