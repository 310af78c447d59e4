"""The "Add my organisation or activity" form as data: every question, in order.

Each :class:`Field` says what the question asks, what kind of answer it takes, where its
options come from (a vocabulary, the region's boroughs or areas, the pathways, or a fixed
list) and where the answer goes in a provider entry (``target``, as the validator names
it, so validator messages can be shown against the question). The form writer, the
issue-body parser and the answer converter all read this one table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError

FORM_FILE = "add-organisation.yml"
NO_RESPONSE = "_No response_"
WHOLE_REGION = "whole-region"


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str  # input | textarea | dropdown | multi | checkboxes
    description: str = ""
    required: bool = False
    options: str = ""  # vocab:<name> | boroughs | areas | pathways | fixed
    fixed: tuple[str, ...] = ()  # options for options="fixed"
    placeholder: str = ""
    target: str = ""  # where the answer goes, as the validator names it (for messages)
    must_tick: bool = False  # checkboxes: every option must be ticked (confirmations)
    help_page: tuple[str, str] | tuple[()] = ()  # (link text, page under docs/): linked on the site


@dataclass(frozen=True)
class Section:
    text: str


SAFEGUARDING = {
    "We have a written safeguarding policy": "policy",
    "Staff and volunteers who lead sessions have a current DBS check": "dbs_checked_staff",
    "We have public liability insurance": "public_liability_insurance",
    "At least one session lead is a trained Mental Health First Aider": "mental_health_first_aid",
}
TERM_TIME = "It only runs in school term time"
CONFIRMATIONS = (
    "The details are correct and may be published on the directory",
    "I have read the inclusion policy",
)

FORM: tuple[Field | Section, ...] = (
    Section(
        "Thank you for adding your organisation or activity. Fill in what you can: a steward "
        "turns your answers into a listing and checks it with you. **Everything you write "
        "here is public**, so give work contact details, never a participant's.\n\n"
        "This form adds **one activity**. Tell us about more activities at the end."
    ),
    Section("## About you"),
    Field(
        "name",
        "Organisation or group name",
        "input",
        "The name people know you by.",
        True,
        placeholder="Peckham Print Collective",
        target="name",
    ),
    Field(
        "kind",
        "What kind of provider are you?",
        "dropdown",
        required=True,
        options="vocab:provider_kind",
        target="kind",
    ),
    Field(
        "legal_status",
        "Legal status",
        "dropdown",
        "Leave blank if you are not a formal body.",
        options="vocab:legal_status",
        target="legal_status",
    ),
    Field(
        "charity_number",
        "Charity number",
        "input",
        "If you are a registered charity.",
        placeholder="1234567",
        target="charity_number",
    ),
    Field(
        "company_number",
        "Company number",
        "input",
        "If you are registered at Companies House.",
        placeholder="08123456",
        target="company_number",
    ),
    Field(
        "summary",
        "Summary",
        "textarea",
        "One or two plain sentences about who you are and what you do.",
        True,
        target="summary",
    ),
    Field(
        "description",
        "More about you",
        "textarea",
        "Optional. Plain text; you can use simple lists. No HTML.",
        target="description",
    ),
    Field(
        "website",
        "Website",
        "input",
        "Starting with https://",
        placeholder="https://example.org",
        target="website",
    ),
    Field(
        "contact_name",
        "Contact name",
        "input",
        "The person or team people should contact.",
        True,
        target="contact.name",
    ),
    Field(
        "contact_role",
        "Contact's role",
        "input",
        placeholder="Programme lead",
        target="contact.role",
    ),
    Field(
        "contact_email",
        "Contact email",
        "input",
        "Give an email, a phone number or both.",
        placeholder="hello@example.org",
        target="contact.email",
    ),
    Field(
        "contact_phone",
        "Contact phone",
        "input",
        "A UK number with its area code.",
        placeholder="020 7946 0123",
        target="contact.phone",
    ),
    Field(
        "areas",
        "Areas you serve",
        "checkboxes",
        "Tick every borough whose residents you serve, or the whole region.",
        options="areas",
        target="boroughs",
    ),
    Field(
        "safeguarding",
        "Safeguarding and insurance",
        "checkboxes",
        "Tick each one that is true. Referrers look for these.",
        options="fixed",
        fixed=tuple(SAFEGUARDING),
        target="safeguarding",
    ),
    Section("## Your activity"),
    Field(
        "activity_name",
        "Activity name",
        "input",
        "The name people know the activity by.",
        True,
        placeholder="Open Studio",
        target="activities[0].name",
    ),
    Field(
        "activity_summary",
        "What happens",
        "textarea",
        "One or two plain sentences: what happens and who it is for.",
        True,
        target="activities[0].summary",
    ),
    Field(
        "activity_description",
        "More about the activity",
        "textarea",
        "Optional. Plain text; no HTML.",
        target="activities[0].description",
    ),
    Field(
        "pathways",
        "Health needs it supports",
        "checkboxes",
        "Tick every need the activity is designed to help with.",
        options="pathways",
        target="activities[0].pathways",
    ),
    Field(
        "art_forms",
        "Art forms",
        "checkboxes",
        "Tick every art form used.",
        options="vocab:art_form",
        target="activities[0].art_forms",
    ),
    Field(
        "audiences",
        "Who it is for",
        "checkboxes",
        "Tick every group it is designed for.",
        options="vocab:audience",
        target="activities[0].audiences",
    ),
    Field(
        "age_min",
        "Youngest age",
        "input",
        "In years. Leave blank if there is no lower limit.",
        placeholder="18",
        target="activities[0].age.min",
    ),
    Field(
        "age_max",
        "Oldest age",
        "input",
        "In years. Leave blank if there is no upper limit.",
        target="activities[0].age.max",
    ),
    Field(
        "format",
        "In person or online",
        "dropdown",
        required=True,
        options="vocab:format",
        target="activities[0].format",
    ),
    Field(
        "online_platform",
        "Online platform",
        "input",
        "For online sessions: the service you use.",
        placeholder="Zoom",
        target="activities[0].online.platform",
    ),
    Field(
        "referral_routes",
        "How people can join",
        "checkboxes",
        "Tick every route into the activity.",
        options="vocab:referral_route",
        target="activities[0].referral.routes",
    ),
    Field(
        "referral_how",
        "How to join or refer",
        "textarea",
        "Exactly what a person or a referrer does, in one or two sentences.",
        True,
        target="activities[0].referral.how",
    ),
    Field(
        "referral_email",
        "Referral email",
        "input",
        "Only if referrals go to a different email.",
        target="activities[0].referral.email",
    ),
    Field(
        "referral_phone",
        "Referral phone",
        "input",
        "Only if referrals go to a different number.",
        target="activities[0].referral.phone",
    ),
    Field(
        "referral_url",
        "Referral or booking form link",
        "input",
        "Starting with https://",
        target="activities[0].referral.url",
    ),
    Field(
        "cost_type",
        "Cost",
        "dropdown",
        required=True,
        options="vocab:cost_type",
        target="activities[0].cost.type",
    ),
    Field(
        "cost_amount",
        "Price in pounds",
        "input",
        "For paid activities: a number such as 5 or 4.50.",
        target="activities[0].cost.amount_gbp",
    ),
    Field(
        "cost_per",
        "Price is per",
        "dropdown",
        options="vocab:cost_period",
        target="activities[0].cost.per",
    ),
    Field(
        "concessions",
        "Concessions",
        "input",
        "Any reduced or free places.",
        target="activities[0].cost.concessions",
    ),
    Field(
        "places",
        "Number of places",
        "input",
        "How many people can take part in a session.",
        target="activities[0].capacity.places",
    ),
    Field(
        "places_status",
        "Are there places?",
        "dropdown",
        options="vocab:capacity_status",
        target="activities[0].capacity.status",
    ),
    Field(
        "session_day",
        "Day",
        "dropdown",
        "The day of your regular session. Leave blank if there is no regular session.",
        options="vocab:day",
        target="activities[0].sessions[0].day",
    ),
    Field(
        "session_start",
        "Start time",
        "input",
        "24-hour clock.",
        placeholder="10:30",
        target="activities[0].sessions[0].start",
    ),
    Field(
        "session_end",
        "End time",
        "input",
        "24-hour clock.",
        placeholder="12:30",
        target="activities[0].sessions[0].end",
    ),
    Field(
        "session_frequency",
        "How often",
        "dropdown",
        options="vocab:frequency",
        target="activities[0].sessions[0].frequency",
    ),
    Field(
        "term_time",
        "Term time",
        "checkboxes",
        options="fixed",
        fixed=(TERM_TIME,),
        target="activities[0].sessions[0].term_time_only",
    ),
    Field(
        "schedule_notes",
        "Other times",
        "textarea",
        "Anything the session above cannot say, such as 'six-week courses from January'.",
        target="activities[0].schedule_notes",
    ),
    Field(
        "venue_name",
        "Venue name",
        "input",
        "For in-person sessions.",
        target="activities[0].venue.name",
    ),
    Field(
        "venue_address",
        "Venue street address",
        "input",
        "Without the postcode.",
        target="activities[0].venue.address",
    ),
    Field(
        "venue_postcode",
        "Venue postcode",
        "input",
        placeholder="SE15 4AB",
        target="activities[0].venue.postcode",
    ),
    Field(
        "venue_borough",
        "Venue borough",
        "dropdown",
        options="boroughs",
        target="activities[0].venue.borough",
    ),
    Field(
        "accessibility",
        "Access",
        "checkboxes",
        "Tick everything that makes the venue or session easier to use.",
        options="vocab:accessibility",
        target="activities[0].venue.accessibility",
    ),
    Field(
        "access_notes",
        "Access notes",
        "textarea",
        "Anything else about getting in and around.",
        target="activities[0].venue.access_notes",
    ),
    Field(
        "languages",
        "Languages",
        "multi",
        "Leave blank for English only.",
        options="vocab:language",
        target="activities[0].languages",
    ),
    Section("## Looking after your listing"),
    Field(
        "maintainers",
        "Other GitHub usernames",
        "input",
        "People who may update this listing as well as you, separated by commas.",
        placeholder="sam-taylor, alex-doe",
        target="maintainers",
    ),
    Field(
        "more",
        "Anything else",
        "textarea",
        "More activities, or anything we should know. A steward adds this with you.",
    ),
    Field(
        "confirm",
        "Before you submit",
        "checkboxes",
        options="fixed",
        fixed=CONFIRMATIONS,
        must_tick=True,
        help_page=("the inclusion policy", "for-providers/inclusion-policy.md"),
    ),
)

FIELDS = tuple(f for f in FORM if isinstance(f, Field))
BY_ID = {f.id: f for f in FIELDS}
LABEL_BY_TARGET = {f.target: f.label for f in FIELDS if f.target}


class FormError(UserError):
    """The issue body is not the form, or the form's choices cannot be read."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems
