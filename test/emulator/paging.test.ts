/**
 * List pages through the real SDK (@azure/arm-compute 24.1.0, which follows `nextLink` as given): image
 * versions, application versions and soft-deleted versions past one page. The official list examples
 * continue from the last item listed (`$skiptoken={token}/…/versions/1.0.0`), so an item deleted between two
 * pages must not make the client miss one that was never listed. The soft-deleted list pages too
 * (GallerySoftDeletedResource_ListByArtifactName.json carries a `nextLink`), and a listed version comes back
 * with the restore of GalleryImageVersion_Update_RestoreSoftDeleted.json.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ArmEmulator } from "../../emulator/server";
import { JsonObject, isObject, obj } from "../../emulator/json";
import { EXAMPLES_DIR } from "../support/azureSpec";
import { Example } from "../support/exampleReplay";
import { arm, armOk } from "../support/http";
import { RESOURCE_GROUP, SUBSCRIPTION, sdkClient, startTestEmulator } from "../support/emulator";

const galleries = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Compute/galleries`;
const IMAGE: JsonObject = { location: "westus", properties: { osType: "Linux", osState: "Generalized", identifier: { publisher: "contoso", offer: "base", sku: "22" } } };
const version = (): JsonObject => ({
    location: "westus",
    properties: { storageProfile: { source: { id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/build/providers/Microsoft.Compute/images/golden` } } },
});


describe("list pages", function () {
    let emulator: ArmEmulator;
    // Synchronous answers and two items a page: every list below spans pages.
    before(async () => {
        emulator = await startTestEmulator({ operationMs: 0, pageSize: 2 });
    });
    after(async () => emulator.stop());

    it("image versions: every version once over three pages, though one listed on the first page is deleted before the second", async () => {
        const g = `${galleries}/paged`;
        await armOk(emulator, "PUT", g, { location: "westus" });
        await armOk(emulator, "PUT", `${g}/images/base`, IMAGE);
        const names = ["1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4"];
        for (const n of names) await armOk(emulator, "PUT", `${g}/images/base/versions/${n}`, version());

        const pages = sdkClient(emulator).galleryImageVersions.listByGalleryImage(RESOURCE_GROUP, "paged", "base").byPage();
        const first = await pages.next();
        assert.ok(!first.done);
        const seen = first.value.map((v) => v.name ?? "");
        assert.deepStrictEqual(seen, ["1.0.0", "1.0.1"]);
        await armOk(emulator, "DELETE", `${g}/images/base/versions/1.0.0`);
        for (let p = await pages.next(); !p.done; p = await pages.next()) seen.push(...p.value.map((v) => v.name ?? ""));
        assert.deepStrictEqual(seen, names, "nothing skipped, nothing twice");
        const followed = emulator.requests.filter((r) => r.path.endsWith("/images/base/versions") && r.query.includes("skiptoken"));
        assert.strictEqual(followed.length, 2, "two nextLinks followed");
    });

    it("a nextLink keeps the request's api-version and names the last item listed, as the examples' links do", async () => {
        const res = await arm(emulator, "GET", `${galleries}/paged/images/base/versions`);
        const next = new URL(String(res.body.nextLink));
        assert.strictEqual(next.searchParams.get("api-version"), "2025-03-03");
        assert.match(String(next.searchParams.get("$skiptoken")), /\/images\/base\/versions\/1\.0\.2$/);
        const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "GalleryImageVersion_ListByGalleryImage.json"), "utf8")) as Example;
        const exampleLink = String(obj(example.responses["200"].body).nextLink);
        assert.match(exampleLink, /\$skiptoken=[^&]*\/versions\/myGalleryImageVersionName$/, "the example's link ends with the last item's path");
    });

    it("application versions: three over two pages through the SDK", async () => {
        const sdk = sdkClient(emulator);
        await armOk(emulator, "PUT", `${galleries}/paged/applications/agent`, { location: "westus", properties: { supportedOSType: "Linux" } });
        for (const n of ["1.0.0", "1.1.0", "2.0.0"]) {
            await armOk(emulator, "PUT", `${galleries}/paged/applications/agent/versions/${n}`, {
                location: "westus",
                properties: { publishingProfile: { source: { mediaLink: "https://account.blob.core.windows.net/apps/agent.zip" }, manageActions: { install: "./i", remove: "./r" } } },
            });
        }
        const names: string[] = [];
        for await (const v of sdk.galleryApplicationVersions.listByGalleryApplication(RESOURCE_GROUP, "paged", "agent")) names.push(v.name ?? "");
        assert.deepStrictEqual(names, ["1.0.0", "1.1.0", "2.0.0"]);
    });

    it("soft-deleted versions page, and one of them comes back with the official example's restore", async () => {
        const g = `${galleries}/recycled`;
        await armOk(emulator, "PUT", g, { location: "westus", properties: { softDeletePolicy: { isSoftDeleteEnabled: true } } });
        await armOk(emulator, "PUT", `${g}/images/base`, IMAGE);
        for (const n of ["1.0.0", "1.0.1", "1.0.2"]) {
            await armOk(emulator, "PUT", `${g}/images/base/versions/${n}`, version());
            await armOk(emulator, "DELETE", `${g}/images/base/versions/${n}`);
        }
        const sdk = sdkClient(emulator);
        const listed = async () => {
            const out: string[] = [];
            for await (const d of sdk.softDeletedResource.listByArtifactName(RESOURCE_GROUP, "recycled", "images", "base")) out.push(d.name ?? "");
            return out;
        };
        assert.deepStrictEqual(await listed(), ["1.0.0", "1.0.1", "1.0.2"]);
        const firstPage = await arm(emulator, "GET", `${g}/softdeletedartifacttypes/images/artifacts/base/versions`);
        assert.strictEqual(firstPage.body.value instanceof Array && firstPage.body.value.length, 2);
        assert.ok(typeof firstPage.body.nextLink === "string", "a nextLink past the first page, as the example has one");

        const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, "GalleryImageVersion_Update_RestoreSoftDeleted.json"), "utf8")) as Example;
        const restored = await arm(emulator, "PATCH", `${g}/images/base/versions/1.0.1`, example.parameters.galleryImageVersion);
        assert.ok(Object.keys(example.responses).includes(String(restored.status)), `restore answered ${restored.status}`);
        assert.strictEqual(restored.body.name, "1.0.1");
        assert.ok(isObject(obj(restored.body.properties).storageProfile), "the version as it was, its storage profile kept");
        assert.deepStrictEqual(await listed(), ["1.0.0", "1.0.2"]);
        assert.strictEqual((await arm(emulator, "GET", `${g}/images/base/versions/1.0.1`)).status, 200);
    });
});
