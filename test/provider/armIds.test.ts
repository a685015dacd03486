/** Reading the inputs that address a resource back out of its ARM id, as `X.get(name, id)` needs. */
import * as assert from "assert";
import { addressFromId } from "../../provider/armIds";
import { adapters as kinds } from "../../provider/kinds";

const SUB = "00000000-0000-0000-0000-000000000001";
const base = `/subscriptions/${SUB}/resourceGroups/images/providers/Microsoft.Compute/galleries/golden`;
const address = (kind: keyof typeof kinds, id: string) => addressFromId(kinds[kind].spec.kind, kinds[kind].address, id);

describe("ARM ids to addressing inputs", () => {
    it("reads each kind's subscription, resource group and names", () => {
        assert.deepStrictEqual(address("gallery", base), { subscriptionId: SUB, resourceGroupName: "images", galleryName: "golden" });
        assert.deepStrictEqual(address("galleryImage", `${base}/images/ubuntu`), { subscriptionId: SUB, resourceGroupName: "images", galleryName: "golden", galleryImageName: "ubuntu" });
        assert.deepStrictEqual(address("galleryImageVersion", `${base}/images/ubuntu/versions/1.0.0`), {
            subscriptionId: SUB,
            resourceGroupName: "images",
            galleryName: "golden",
            galleryImageName: "ubuntu",
            galleryImageVersionName: "1.0.0",
        });
    });

    it("takes ARM's re-cased spelling (segment types and namespace without regard to case), keeping the names as written", () => {
        const recased = `/SUBSCRIPTIONS/${SUB}/resourcegroups/IMAGES/providers/microsoft.compute/Galleries/GOLDEN/IMAGES/Ubuntu`;
        assert.deepStrictEqual(address("galleryImage", recased), { subscriptionId: SUB, resourceGroupName: "IMAGES", galleryName: "GOLDEN", galleryImageName: "Ubuntu" });
    });

    it("refuses an id of another kind, naming the id it needs and what the id given names", () => {
        assert.throws(() => address("gallery", `${base}/images/ubuntu`), {
            message: `Gallery.get needs the ARM id of a Gallery, /subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Compute/galleries/{galleryName}; "${base}/images/ubuntu" is the id of a Microsoft.Compute/galleries/images resource`,
        });
        assert.throws(() => address("galleryImageVersion", `${base}/images/ubuntu`), /GalleryImageVersion\.get needs .*\/images\/\{galleryImageName\}\/versions\/\{galleryImageVersionName\}; .* is the id of a Microsoft\.Compute\/galleries\/images resource/);
        assert.throws(() => address("galleryImage", `/subscriptions/${SUB}/resourceGroups/images/providers/Microsoft.Compute/images/ubuntu`), /is the id of a Microsoft\.Compute\/images resource/);
        assert.throws(() => address("gallery", `/subscriptions/${SUB}/resourceGroups/images/providers/Microsoft.Storage/galleries/golden`), /is the id of a Microsoft\.Storage\/galleries resource/);
    });

    it("refuses what is not an ARM resource id", () => {
        for (const id of ["golden", `${base}/`, `${base}/images`, `/subscriptions/${SUB}/resourceGroups/images`, ""]) {
            assert.throws(() => address("gallery", id), /is not an ARM resource id$/, id);
        }
    });
});
