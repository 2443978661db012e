using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Lrs.Domain;
using Lrs.Domain.Courses;

namespace Lrs.Application.Courses.Cmi5;

/// <summary>
/// Reads a cmi5 course structure (cmi5 §13, CourseStructure.xsd) into a course. The document is validated against
/// the embedded schema; elements and attributes of other namespaces are extensions the schema admits laxly
/// (cmi5 §13.1.1), so they pass unvalidated and are ignored.
/// </summary>
public static class Cmi5CourseStructure
{
    public const string Namespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";
    private static readonly XNamespace Ns = Namespace;
    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchemas);

    /// <summary>Parses and maps the XML; a <see cref="DomainException"/> says what is wrong and where (line, position).</summary>
    public static Course Read(byte[] xml)
    {
        var document = Validate(xml);
        var root = document.Root!;
        if (root.Name != Ns + "courseStructure")
        {
            throw new DomainException($"The root element must be courseStructure in namespace {Namespace}, found {root.Name.LocalName} in '{root.Name.NamespaceName}'.");
        }

        var course = root.Element(Ns + "course")!;
        var modules = new List<ModuleBuilder>();
        var rootModule = new ModuleBuilder(Attribute(course, "id"), Title(course));
        Visit(root, rootModule, modules);
        return At(course, () => Course.Define(rootModule.Id, rootModule.Title, modules.Select(m => m.Build())));
    }

    private static XDocument Validate(byte[] xml)
    {
        XmlSchemaException? error = null;
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ProcessIdentityConstraints,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                error ??= e.Exception;
            }
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            if (error is not null)
            {
                throw new DomainException($"The course structure does not conform to the cmi5 schema at line {error.LineNumber}, position {error.LinePosition}: {error.Message}");
            }

            return document;
        }
        catch (XmlException e)
        {
            throw new DomainException($"The course structure is not well-formed XML at line {e.LineNumber}, position {e.LinePosition}: {e.Message}");
        }
    }

    // Blocks become modules in document order; a block's own AUs form its module, nested blocks their own.
    // AUs directly under the course form a module named after the course.
    private static void Visit(XElement container, ModuleBuilder module, List<ModuleBuilder> modules)
    {
        foreach (var child in container.Elements())
        {
            if (child.Name == Ns + "au")
            {
                if (!modules.Contains(module))
                {
                    modules.Add(module);
                }

                module.Lessons.Add(At(child, () => Lesson(child)));
            }
            else if (child.Name == Ns + "block")
            {
                Visit(child, new ModuleBuilder(Attribute(child, "id"), Title(child)), modules);
            }
        }
    }

    private static Lesson Lesson(XElement au)
    {
        var moveOn = Enum.Parse<MoveOn>(au.Attribute("moveOn")?.Value ?? nameof(MoveOn.NotApplicable));
        var mastery = au.Attribute("masteryScore") is { } m ? decimal.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : (decimal?)null;
        var id = Attribute(au, "id");
        return Domain.Courses.Lesson.Create(id, Title(au), id, au.Element(Ns + "url")!.Value, moveOn, mastery);
    }

    private static string Attribute(XElement element, string name) => element.Attribute(name)!.Value.Trim();

    // The schema requires at least one langstring; the first is the title.
    private static string Title(XElement element) => element.Element(Ns + "title")!.Element(Ns + "langstring")!.Value.Trim();

    private static T At<T>(XElement element, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (DomainException e)
        {
            var line = (IXmlLineInfo)element;
            throw new DomainException($"The {element.Name.LocalName} at line {line.LineNumber}, position {line.LinePosition} is not a valid course element: {e.Message}");
        }
    }

    private static XmlSchemaSet LoadSchemas()
    {
        var assembly = typeof(Cmi5CourseStructure).Assembly;
        using var stream = assembly.GetManifestResourceStream("Lrs.Application.Courses.Cmi5.CourseStructure.xsd")!;
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(XmlSchema.Read(stream, null)!);
        set.Compile();
        return set;
    }

    private sealed class ModuleBuilder(string id, string title)
    {
        public string Id => id;

        public string Title => title;

        public List<Lesson> Lessons { get; } = [];

        public Module Build() => Module.Create(id, title, Lessons);
    }
}
