using System.Text.Json.Nodes;

namespace Lrs.Application.Tests.Statements;

internal static class TestJson
{
    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>A statement touching every position the components care about.</summary>
    public const string FullStatement = """
        {
          "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
          "actor": { "objectType": "Agent", "name": "Ann", "mbox": "mailto:ann@Example.com" },
          "verb": { "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed", "de-DE": "abgeschlossen", "fr": "terminé" } },
          "object": {
            "objectType": "Activity",
            "id": "http://example.com/course/1",
            "definition": {
              "name": { "en-US": "Course", "de": "Kurs" },
              "description": { "en": "A course", "fr-FR": "Un cours" },
              "interactionType": "choice",
              "choices": [ { "id": "a", "description": { "en-US": "Apple", "de": "Apfel" } } ]
            }
          },
          "result": { "score": { "raw": 1.0 }, "duration": "PT1H", "success": true },
          "context": {
            "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
            "instructor": { "mbox_sha1sum": "ABCDEF0123456789ABCDEF0123456789ABCDEF01" },
            "team": { "objectType": "Group", "name": "Team", "member": [ { "openid": "http://openid.example.com/bob" } ] },
            "contextActivities": {
              "parent": { "id": "http://example.com/parent" },
              "grouping": [ { "objectType": "Activity", "id": "http://example.com/grouping", "definition": { "name": { "en-US": "G", "fr": "G-fr" } } } ],
              "category": [ { "id": "http://example.com/category" } ],
              "other": [ { "id": "http://example.com/other" } ]
            },
            "extensions": { "http://example.com/ext": { "a": [1, 2] } }
          },
          "timestamp": "2013-05-18T05:32:34.804+00:00",
          "stored": "2013-05-18T05:32:35.000Z",
          "version": "1.0.3",
          "authority": { "objectType": "Agent", "account": { "homePage": "http://lrs.example.com", "name": "client" } }
        }
        """;
}
