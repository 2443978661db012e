using System.Text.Json.Nodes;

namespace Lrs.Application.Statements.Validation;

/// <summary>What a statement's object turned out to be; context rules depend on it (Data §2.4.6).</summary>
internal enum ObjectKind
{
    Invalid,
    Activity,
    Agent,
    Group,
    StatementRef,
    SubStatement,
}

/// <summary>The statement's object (Data §2.4.4): Activity, Agent, Group, StatementRef or SubStatement.</summary>
internal static class ObjectRules
{
    private static readonly string[] ActivityKeys = ["objectType", "id", "definition"];
    private static readonly string[] StatementRefKeys = ["objectType", "id"];

    public static ObjectKind Validate(ErrorList errors, string path, JsonNode? node, bool insideSubStatement)
    {
        if (Values.Object(errors, path, node) is not { } obj)
        {
            return ObjectKind.Invalid;
        }

        if (!obj.TryGetPropertyValue("objectType", out var typeNode))
        {
            Activity(errors, path, obj);
            return ObjectKind.Activity;
        }

        switch (Values.String(errors, path, "objectType", typeNode))
        {
            case "Activity":
                Activity(errors, path, obj);
                return ObjectKind.Activity;
            case "Agent":
                ActorRules.Validate(errors, path, obj, ActorUse.Object);
                return ObjectKind.Agent;
            case "Group":
                ActorRules.Validate(errors, path, obj, ActorUse.Object);
                return ObjectKind.Group;
            case "StatementRef":
                StatementRef(errors, path, obj);
                return ObjectKind.StatementRef;
            case "SubStatement" when insideSubStatement:
                errors.Add(path + ".objectType", "must not be \"SubStatement\": a SubStatement must not contain another SubStatement");
                return ObjectKind.Invalid;
            case "SubStatement":
                StatementValidator.ValidateStatement(errors, path, obj, isSubStatement: true);
                return ObjectKind.SubStatement;
            case null:
                return ObjectKind.Invalid;
            default:
                errors.Add(path + ".objectType", "must be one of \"Activity\", \"Agent\", \"Group\", \"StatementRef\" or \"SubStatement\" (case-sensitive)");
                return ObjectKind.Invalid;
        }
    }

    /// <summary>An Activity object (Data §2.4.4.1); also used for context activities.</summary>
    public static void Activity(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "an Activity object") is not { } obj)
        {
            return;
        }

        var hasId = false;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "objectType":
                    if (Values.String(errors, path, "objectType", value) is { } type && type != "Activity")
                    {
                        errors.Add(path + ".objectType", "must be \"Activity\"");
                    }

                    break;
                case "id":
                    hasId = true;
                    Values.Iri(errors, path, "id", value);
                    break;
                case "definition":
                    DefinitionRules.Validate(errors, path + ".definition", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "an Activity", ActivityKeys);
                    break;
            }
        }

        Values.Required(errors, path, "id", hasId);
    }

    /// <summary>A Statement Reference (Data §2.4.4.3): objectType "StatementRef" and a UUID id, nothing else.</summary>
    public static void StatementRef(ErrorList errors, string path, JsonNode? node)
    {
        if (Values.Object(errors, path, node, "a StatementRef object") is not { } obj)
        {
            return;
        }

        bool hasType = false, hasId = false;
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "objectType":
                    hasType = true;
                    if (Values.String(errors, path, "objectType", value) is { } type && type != "StatementRef")
                    {
                        errors.Add(path + ".objectType", "must be \"StatementRef\"");
                    }

                    break;
                case "id":
                    hasId = true;
                    Values.Uuid(errors, path, "id", value);
                    break;
                default:
                    Values.NotAllowed(errors, path, key, "a StatementRef", StatementRefKeys);
                    break;
            }
        }

        Values.Required(errors, path, "objectType", hasType);
        Values.Required(errors, path, "id", hasId);
    }
}
