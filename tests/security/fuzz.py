"""What the fuzz test sends: awkward text, awkward numbers, and raw bytes that are not
UTF-8 at all, so a request can carry what a browser never would."""

from urllib.parse import quote

from hypothesis import strategies as st

# Text that has broken parsers before: Unicode digits int() accepts or isdigit() likes,
# NUL and other control characters, lone surrogates, right-to-left marks, and sizes.
AWKWARD = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "99999999999999999999999",
    "²",
    "٣",
    "\uff11\uff12",  # fullwidth digits
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "\u202eevil",
    "\u200f",
    "\r\n",
    "\t",
    '=HYPERLINK("https://evil.example","klik")',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "//evil.example/",
    "null",
    "[]",
    "{}",
    "x" * 10_000,
    "é" * 3_000,
]

# The few a systematic sweep sends to every form field, one field at a time.
ONE_AT_A_TIME = ["²", "٣", "a\x00b", "\ud800", "-1", "99999999999999999999999", "x" * 10_000]

texts = st.one_of(
    st.sampled_from(AWKWARD),  # twice: the known troublemakers come up most often
    st.sampled_from(AWKWARD),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, categories=["Nd", "No", "Cc", "Cf", "Cs"])),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def encode(value: str) -> str:
    """Percent-encode as UTF-8, letting lone surrogates through as the invalid bytes a
    hand-written client could send."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def form_body(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(key)}={encode(value)}" for key, value in pairs)


# Path arguments, by converter: ids out of range, slugs and codes nobody made.
ints = st.one_of(
    st.sampled_from([0, 1, 2**31, 2**63, 10**30]), st.integers(min_value=0, max_value=10**25)
)
slugs = st.one_of(
    st.sampled_from(["x", "-", "_", "a" * 300, "0"]),
    st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True),
)
strs = st.one_of(
    slugs, st.text(alphabet=st.characters(exclude_characters="/\x00"), min_size=1, max_size=30)
)
