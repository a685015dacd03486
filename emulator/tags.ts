/**
 * ARM's tag limits, checked for every resource before the resource provider sees the request.
 * Limits: Microsoft Learn "Use tags to organize your Azure resources", Limitations
 * (MicrosoftDocs/azure-docs articles/azure-resource-manager/management/tag-resources.md): at most
 * 50 tag name/value pairs, names up to 512 characters, values up to 256, names without
 * `<`, `>`, `%`, `&`, `\`, `?`, `/`.
 * Codes and messages: ARM's own, as Microsoft's Az.Migrate module reproduces them before calling
 * ARM (Azure/azure-powershell src/Migrate/Migrate.Autorest/custom/New-AzMigrateServerReplication.ps1:
 * InvalidTags, InvalidTagName, InvalidTagValueLength, InvalidTagNameCharacters); the last one is
 * also quoted from a live answer in Microsoft Learn's storage tagging tutorial. Status 400.
 */
import { ArmError } from "./armError";
import { JsonValue, isObject } from "./json";

const MAX_TAGS = 50;
const MAX_NAME = 512;
const MAX_VALUE = 256;
const RESERVED = /[<>%&\\?/]/;

export function checkTags(tags: JsonValue | undefined): void {
    if (!isObject(tags)) return;
    const entries = Object.entries(tags).filter(([, v]) => v !== undefined);
    if (entries.length > MAX_TAGS) {
        throw new ArmError(400, "InvalidTags", `Too many tags specified. Requested tag count - '${entries.length}'. Maximum number of tags allowed - '${MAX_TAGS}'.`);
    }
    for (const [name, value] of entries) {
        if (name.trim().length === 0) {
            throw new ArmError(400, "InvalidTagName", "The tag name must be non-null, non-empty and non-whitespace only. Please provide an actual value.");
        }
        if (RESERVED.test(name)) {
            throw new ArmError(400, "InvalidTagNameCharacters", `The tag names '${name}' have reserved characters '<,>,%,&,\\,?,/' or control characters.`);
        }
        if (name.length > MAX_NAME) {
            throw new ArmError(400, "InvalidTagName", `Tag key too large. Following tag name '${name}' exceeded the maximum length. Maximum allowed length for tag name - '${MAX_NAME}' characters.`);
        }
        if (typeof value === "string" && value.length > MAX_VALUE) {
            throw new ArmError(400, "InvalidTagValueLength", `Tag value too large. Following tag value '${value}' exceeded the maximum length. Maximum allowed length for tag value - '${MAX_VALUE}' characters.`);
        }
    }
}
