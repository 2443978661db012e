using static Lrs.Application.Demo.DemoQuestion;

namespace Lrs.Application.Demo;

/// <summary>The four courses of the demo tenant: two compliance courses, a skills course and a programming course.</summary>
public static class DemoCatalog
{
    public static IReadOnlyList<DemoCourse> Courses { get; } = [WorkplaceSafety(), DataProtection(), CustomerService(), PythonIntro()];

    private static DemoCourse WorkplaceSafety() => new("workplace-safety", "Workplace Health and Safety Essentials",
    [
        new("foundations", "Foundations",
            [new("why-safety-matters", "Why safety matters", 8), new("hazard-identification", "Identifying hazards", 14), new("reporting-incidents", "Reporting incidents and near misses", 10)],
            [new("foundations-check", "Foundations check", DemoGrading.Threshold(0.75m),
            [
                Choice("hazard-definition", "Which of these best describes a hazard?", "b",
                    ("a", "An injury that has already happened"), ("b", "Anything with the potential to cause harm"), ("c", "A written safety procedure"), ("d", "The likelihood of an accident")),
                TrueFalse("near-miss-report", "Near misses only need to be reported when someone was hurt.", false),
                Choice("first-step", "What is the first step of a risk assessment?", "a",
                    ("a", "Identify the hazards"), ("b", "Record your findings"), ("c", "Decide who might be harmed"), ("d", "Review the assessment")),
                FillIn("report-deadline", "Within how many hours must a reportable incident be logged in the incident system? (number only)", "24", "48", "72"),
            ])],
            []),
        new("in-practice", "Safety in practice",
            [new("manual-handling", "Manual handling", 12), new("fire-safety", "Fire safety and evacuation", 15), new("display-screens", "Working safely at display screens", 9)],
            [new("final-assessment", "Final assessment", DemoGrading.Threshold(0.8m),
            [
                Sequencing("lifting-order", "Put the steps of a safe lift in order.",
                    ("plan", "Plan the lift"), ("position", "Position your feet"), ("grip", "Get a firm grip"), ("lift", "Lift with your legs"), ("place", "Put the load down, then adjust")),
                Choice("extinguisher-electrical", "Which extinguisher is safe on an electrical fire?", "co2",
                    ("water", "Water"), ("foam", "Foam"), ("co2", "Carbon dioxide"), ("wet", "Wet chemical")),
                TrueFalse("use-lift-fire", "You should use the lift during a fire evacuation if the stairs are crowded.", false),
                Numeric("screen-break", "How many minutes of break should follow each hour of continuous screen work?", 5, 15, 0, 30),
                MultipleChoice("assembly-point", "At the assembly point you should… (choose all that apply)", ["register", "wait"],
                    ("register", "Report to the fire marshal"), ("wait", "Wait until told it is safe"), ("return", "Return for your belongings"), ("leave", "Go home")),
                Matching("sign-colours", "Match each sign colour to its meaning.",
                    [("red", "Red"), ("blue", "Blue"), ("green", "Green")],
                    [("prohibition", "Prohibition"), ("mandatory", "Mandatory action"), ("safe", "Safe condition")]),
            ])],
            [new("workspace-risk-assessment", "Risk assessment of your workspace",
                "Risk assessment attached: trailing cable by desk 14, blocked fire door on level 2 (reported), chair adjustment needed.", DueOffsetDays: 14)]),
    ], Popularity: 5);

    private static DemoCourse DataProtection() => new("data-protection", "Data Protection and GDPR Basics",
    [
        new("principles", "Principles",
            [new("personal-data", "What counts as personal data", 10), new("seven-principles", "The seven principles", 16), new("lawful-bases", "Lawful bases for processing", 12)],
            [new("principles-quiz", "Principles quiz", DemoGrading.AllCorrect,
            [
                MultipleChoice("is-personal-data", "Which of these are personal data? (choose all that apply)", ["email", "ip"],
                    ("email", "A work email address"), ("ip", "An IP address linked to a user"), ("stats", "Anonymous aggregated statistics")),
                TrueFalse("consent-only", "Consent is the only lawful basis for processing personal data.", false),
                Choice("storage-limitation", "Keeping data no longer than necessary is the principle of…", "storage",
                    ("storage", "Storage limitation"), ("minimisation", "Data minimisation"), ("accuracy", "Accuracy")),
            ])],
            []),
        new("rights-and-breaches", "Rights and breaches",
            [new("subject-rights", "Data subject rights", 14), new("handling-a-breach", "Handling a personal data breach", 11)],
            [new("breach-scenarios", "Breach scenarios", DemoGrading.Reported(0.75m),
            [
                Numeric("breach-hours", "Within how many hours must a notifiable breach be reported to the regulator?", 72, 24, 48, 96),
                Choice("lost-laptop", "An encrypted laptop is lost on a train. What do you do first?", "report",
                    ("report", "Report it to the data protection officer"), ("nothing", "Nothing, it is encrypted"), ("customers", "Email every customer")),
                FillIn("access-request-days", "How many days do you have to answer a subject access request? (number only)", "30", "14", "90"),
                Sequencing("breach-steps", "Order the breach response steps.",
                    ("contain", "Contain the breach"), ("assess", "Assess the risk"), ("notify", "Notify where required"), ("review", "Review and learn")),
            ])],
            [new("data-inventory", "Data inventory of your team",
                "Inventory: CRM contacts (contract), payroll (legal obligation), newsletter list (consent); retention reviewed.", DueDaysBeforeAnchor: 12)]),
    ], Popularity: 4);

    private static DemoCourse CustomerService() => new("customer-service", "Customer Service Excellence",
    [
        new("conversations", "Great conversations",
            [new("active-listening", "Listening actively", 9), new("handling-complaints", "Handling complaints", 13),
                new("tone", "Tone on the phone and in writing", 11), new("closing", "Closing the conversation", 7)],
            [new("scenario-quiz", "Scenario quiz", DemoGrading.Reported(0.75m),
            [
                Choice("angry-caller", "A caller is angry about a late delivery. What do you say first?", "acknowledge",
                    ("acknowledge", "Acknowledge their frustration"), ("policy", "Explain the delivery policy"), ("transfer", "Transfer them to a manager")),
                TrueFalse("interrupt", "Interrupting to correct a customer's mistake speeds up the call.", false),
                FillIn("summarise", "Before closing a call, you should ___ what was agreed.", "summarise", "ignore", "repeat"),
                Choice("email-reply", "How soon should a complaint email get a first reply?", "one-day",
                    ("one-day", "Within one working day"), ("one-week", "Within a week"), ("when-solved", "Only once it is solved")),
            ])],
            []),
    ], Popularity: 3);

    private static DemoCourse PythonIntro() => new("python-intro", "Introduction to Python Programming",
    [
        new("getting-started", "Getting started",
            [new("installing-python", "Installing Python", 12), new("variables-and-types", "Variables and types", 20), new("strings", "Working with strings", 18)],
            [new("basics-quiz", "Basics quiz", DemoGrading.Threshold(0.6m),
            [
                Choice("type-of-3-0", "What is the type of 3.0?", "float", ("int", "int"), ("float", "float"), ("str", "str"), ("decimal", "Decimal")),
                FillIn("len-hello", "What does len(\"hello\") return?", "5", "4", "6"),
                TrueFalse("strings-immutable", "Python strings are immutable.", true),
                Numeric("integer-division", "What is 7 // 2?", 3, 4, 2),
                Choice("comment", "Which character starts a comment?", "hash", ("hash", "#"), ("slashes", "//"), ("dash", "--")),
            ])],
            []),
        new("control-flow", "Control flow",
            [new("conditions", "Conditions", 16), new("loops", "Loops", 22), new("functions", "Functions", 25)],
            [new("control-flow-quiz", "Control flow quiz", DemoGrading.Threshold(0.6m),
            [
                Numeric("range-count", "How many numbers does range(2, 10, 2) produce?", 4, 5, 8),
                Choice("exit-loop", "Which statement leaves a loop early?", "break", ("break", "break"), ("continue", "continue"), ("pass", "pass"), ("return", "exit")),
                TrueFalse("default-mutable", "A list is a safe default value for a function parameter.", false),
                Sequencing("function-parts", "Order the parts of a function definition.",
                    ("def", "def"), ("name", "the name"), ("params", "the parameters"), ("colon", "a colon"), ("body", "the indented body")),
                FillIn("none-keyword", "What does a function return when it has no return statement?", "None", "0", "null"),
            ])],
            [new("fizzbuzz", "FizzBuzz and friends", "https://git.example.com/learners/fizzbuzz/commit/3f2a9c1", DueOffsetDays: 21)]),
        new("working-with-data", "Working with data",
            [new("lists-and-dicts", "Lists and dictionaries", 24), new("files", "Reading and writing files", 18), new("modules", "Modules and packages", 15)],
            [],
            [new("word-frequency", "Word frequency counter", "https://git.example.com/learners/word-frequency/commit/b71e04d", DueOffsetDays: 42)]),
    ], Popularity: 2)
    {
        Weights = new Dictionary<string, decimal> { ["basics-quiz"] = 20, ["control-flow-quiz"] = 20, ["fizzbuzz"] = 30, ["word-frequency"] = 30 },
        PassMark = 60,
    };
}
