namespace ChildProtection.Themes.Tests.Infrastructure;

/// <summary>Recipes for the tests: a few types, published and draft items, a main menu, a home page.</summary>
public static class TestContent
{
    public const string Types = """
    {
      "name": "types",
      "steps": [
        {
          "name": "ContentDefinition",
          "ContentTypes": [
            { "Name": "Page", "DisplayName": "Trang", "ContentTypePartDefinitionRecords": [
              { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "RoutePart", "Name": "RoutePart" },
              { "PartName": "BodyPart", "Name": "BodyPart" }, { "PartName": "SeoPart", "Name": "SeoPart" } ] },
            { "Name": "Article", "DisplayName": "Bài viết", "ContentTypePartDefinitionRecords": [
              { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "SummaryPart", "Name": "SummaryPart" },
              { "PartName": "RoutePart", "Name": "RoutePart" }, { "PartName": "BodyPart", "Name": "BodyPart" },
              { "PartName": "OfficialDocumentPart", "Name": "OfficialDocumentPart" } ] },
            { "Name": "Menu", "DisplayName": "Trình đơn", "ContentTypePartDefinitionRecords": [
              { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "MenuPart", "Name": "MenuPart" } ] }
          ]
        }
      ]
    }
    """;

    public const string Site = """
    {
      "name": "site",
      "steps": [
        {
          "name": "Content",
          "data": [
            { "ContentItemId": "home", "ContentType": "Page", "Published": true,
              "TitlePart": { "Title": "Vì một thành phố an toàn cho trẻ em" }, "RoutePart": { "Path": "trang-chu" },
              "BodyPart": { "Html": "<p>Cổng thông tin <strong>bảo vệ trẻ em</strong>.</p>" },
              "SeoPart": { "MetaDescription": "Tin tức và tài liệu về bảo vệ trẻ em." } },
            { "ContentItemId": "about", "ContentType": "Page", "Published": true,
              "TitlePart": { "Title": "Giới thiệu" }, "RoutePart": { "Path": "gioi-thieu" },
              "BodyPart": { "Html": "<p>Phòng chống đuối nước</p>" },
              "SeoPart": { "MetaTitle": "Về chúng tôi", "NoIndex": true } },
            { "ContentItemId": "draft", "ContentType": "Page", "Published": false,
              "TitlePart": { "Title": "Bản nháp" }, "RoutePart": { "Path": "ban-nhap" }, "BodyPart": { "Html": "<p>Chưa đăng</p>" } },
            { "ContentItemId": "a2869", "ContentType": "Article", "Published": true, "PublishedUtc": "2024-04-04T05:44:00Z",
              "TitlePart": { "Title": "Triển khai nhiệm vụ <script>alert(1)</script> năm 2024" },
              "SummaryPart": { "Summary": "Công văn số 2869/UBND-LĐTBXH." },
              "RoutePart": { "Path": "tin-tuc/nhiem-vu-2024" },
              "BodyPart": { "Html": "<p>Nội dung <em>đã làm sạch</em>.</p>" },
              "OfficialDocumentPart": { "Issuer": "Ủy ban nhân dân thành phố", "NumberAndSymbol": "2869/UBND-LĐTBXH",
                "DocumentType": "Công văn", "IssuedDate": "2024-04-03", "IssuedPlace": "Thành phố",
                "Summary": "Về việc triển khai các nhiệm vụ trọng tâm", "SignerTitle": "Phó Chủ tịch", "SignerName": "Nguyễn Văn A",
                "Recipients": [ "Phòng Lao động – Thương binh và Xã hội", "Ủy ban nhân dân các phường, xã" ] } },
            { "ContentItemId": "menumain", "ContentType": "Menu", "Published": true,
              "TitlePart": { "Title": "Trình đơn chính" },
              "MenuPart": { "Alias": "main", "Items": [ { "Text": "Trang chủ", "Url": "/" }, { "Text": "Giới thiệu", "Url": "/gioi-thieu" } ] } }
          ]
        },
        { "name": "Settings", "SiteName": "Bảo vệ trẻ em", "HomeContentItemId": "home" },
        { "name": "Themes", "Site": "ChildProtection", "Admin": "" }
      ]
    }
    """;
}
