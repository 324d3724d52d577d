namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>Recipes the tests build on, in the shape recipes/*.recipe.json use.</summary>
public static class TestRecipes
{
    /// <summary>
    /// Article (title, route under tin-tuc/, summary, body, official document, fields), Page, Guide
    /// (Markdown body) Banner (not draftable) and Memo (not versionable). Positions are given out of
    /// declaration order, as strings and numbers, on purpose.
    /// </summary>
    public const string Types = """
    {
      "name": "test-types",
      "steps": [
        {
          "name": "ContentDefinition",
          "ContentParts": [
            {
              "Name": "Article",
              "ContentPartFieldDefinitionRecords": [
                { "FieldName": "DateField", "Name": "EventDate", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Ngày tổ chức", "Position": "2" } } },
                { "FieldName": "NumberField", "Name": "Attendance", "Settings": { "ContentPartFieldSettings": { "Position": 1 }, "NumberFieldSettings": { "Minimum": 0 } } },
                { "FieldName": "TextField", "Name": "Hotline", "Settings": { "ContentPartFieldSettings": { "Position": "0" }, "TextFieldSettings": { "MaxLength": 20 } } }
              ]
            }
          ],
          "ContentTypes": [
            {
              "Name": "Article",
              "DisplayName": "Bài viết",
              "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true, "Draftable": true, "Versionable": true, "Securable": true } },
              "ContentTypePartDefinitionRecords": [
                { "PartName": "Article", "Name": "Article", "Settings": { "ContentTypePartSettings": { "Position": "5" } } },
                { "PartName": "BodyPart", "Name": "BodyPart", "Settings": { "ContentTypePartSettings": { "Position": "3" } } },
                { "PartName": "TitlePart", "Name": "TitlePart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } },
                { "PartName": "OfficialDocumentPart", "Name": "OfficialDocumentPart", "Settings": { "ContentTypePartSettings": { "Position": 4 } } },
                { "PartName": "RoutePart", "Name": "RoutePart", "Settings": { "ContentTypePartSettings": { "Position": "1" }, "RoutePartSettings": { "Prefix": "tin-tuc" } } },
                { "PartName": "SummaryPart", "Name": "SummaryPart", "Settings": { "ContentTypePartSettings": { "Position": "2" } } }
              ]
            },
            {
              "Name": "Page",
              "DisplayName": "Trang",
              "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" },
                { "PartName": "RoutePart", "Name": "RoutePart" },
                { "PartName": "BodyPart", "Name": "BodyPart" }
              ]
            },
            {
              "Name": "Guide",
              "DisplayName": "Cẩm nang",
              "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" },
                { "PartName": "BodyPart", "Name": "BodyPart", "Settings": { "BodyPartSettings": { "Editor": "Markdown" } } }
              ]
            },
            {
              "Name": "Banner",
              "DisplayName": "Băng rôn",
              "Settings": { "ContentTypeSettings": { "Draftable": false, "Listable": false } },
              "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" }
              ]
            },
            {
              "Name": "Memo",
              "DisplayName": "Ghi nhớ",
              "Settings": { "ContentTypeSettings": { "Versionable": false } },
              "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" }
              ]
            }
          ]
        }
      ]
    }
    """;

    /// <summary>A small site: one more type, two items (one published and set as home page) and settings.</summary>
    public const string SmallSite = """
    {
      "name": "small-site",
      "displayName": "Trang nhỏ",
      "steps": [
        {
          "name": "ContentDefinition",
          "ContentTypes": [
            {
              "Name": "Event",
              "DisplayName": "Sự kiện",
              "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" },
                { "PartName": "RoutePart", "Name": "RoutePart", "Settings": { "RoutePartSettings": { "Prefix": "su-kien" } } }
              ]
            }
          ]
        },
        {
          "name": "Content",
          "data": [
            {
              "ContentItemId": "home0000000000000000000001",
              "ContentType": "Page",
              "Published": true,
              "TitlePart": { "Title": "Trang chủ" },
              "BodyPart": { "Html": "<p>Đường dây nóng 111 — miễn phí, 24/7.</p>" }
            },
            {
              "ContentType": "Event",
              "Published": false,
              "TitlePart": { "Title": "Diễn đàn trẻ em phường 2025" }
            }
          ]
        },
        {
          "name": "Settings",
          "SiteName": "Bảo vệ trẻ em thành phố",
          "PageSize": 12,
          "HomeContentItemId": "home0000000000000000000001"
        }
      ]
    }
    """;
}
