"""Who a spoken forward goes to, and which email it names, without a mail server."""

from mailvox.agent.conversation.forwarding import (
    before_recipient,
    described,
    names_in_answer,
    names_said,
    people_named,
    pick_person,
    unknown_person,
    which_person,
)
from mailvox.agent.mail import Address

PEOPLE = [
    Address("Sarah Chen", "sarah.chen@northwind.example"),
    Address("Sarah Park", "sarah.park@northwind.example"),
    Address('Robert "Bob" Smith', "bob.smith@northwind.example"),
    Address("Platform Team", "platform@northwind.example"),
]


def test_a_spoken_name_finds_its_people_by_name_nickname_or_team():
    assert people_named("sarah", PEOPLE) == PEOPLE[:2]
    assert people_named("sarah park", PEOPLE) == [PEOPLE[1]]
    assert people_named("bob", PEOPLE) == [PEOPLE[2]]
    assert people_named("the team", PEOPLE) == people_named("platform team", PEOPLE) == [PEOPLE[3]]
    assert people_named("sarah park instead", PEOPLE) == [PEOPLE[1]]  # words after the name
    assert people_named("zebedee", PEOPLE) == []


def test_two_of_a_name_are_asked_apart_and_the_answer_picks_one():
    assert which_person(PEOPLE[:2], Address.spoken) == "Sarah Chen or Sarah Park?"
    assert pick_person("Park", PEOPLE[:2]) == PEOPLE[1]
    assert pick_person("the first one", PEOPLE[:2]) == PEOPLE[0]
    assert pick_person("Sarah", PEOPLE[:2]) is None  # names both
    same = [Address("Sam Lee", "sam@a.example"), Address("Sam Lee", "sam.lee@b.example")]
    assert which_person(same, Address.spoken) == "Sam Lee at sam@a.example or Sam Lee at sam.lee@b.example?"
    # a name that could pass for an address is not read out as given
    posing = [Address("Sarah Chen at sarah.chen@northwind.example", "sarah@evil.example"), PEOPLE[0]]
    assert which_person(posing, Address.spoken) == "sarah@evil.example or Sarah Chen at sarah.chen@northwind.example?"


def test_the_email_a_forward_names_comes_before_its_recipient():
    assert before_recipient("forward sarah's email to bob", "bob") == "forward sarah's email "
    assert described("forward the budget email ") == "budget"
    assert described("send the offsite one on ") == "offsite"
    assert described("forward this ") == ""  # the current email
    assert described(before_recipient("forward this email to the team", "team")) == ""


def test_a_role_is_not_a_name_it_knows():
    assert unknown_person("my boss") == "I don't know who your boss is. Say their name or email address."


def test_several_recipients_and_a_name_given_in_answer():
    assert names_said("forward the standup notes to jamie and priya", "jamie") == ["jamie", "priya"]
    assert names_said("forward this to bob, saying can you look", "bob") == ["bob"]
    assert names_said("forward this to bob and say hi", "bob") == ["bob"]
    assert names_in_answer("oh uh, I meant Jamie, Jamie Lee") == ["jamie lee"]
    assert names_in_answer("Priya.") == ["priya"]
    assert names_in_answer("to Bob instead") == ["bob"]
    assert names_in_answer("Jamie and Priya.") == ["jamie", "priya"]


def test_a_recipient_is_matched_by_name_or_local_part_never_by_domain_or_containing():
    hostile = [
        Address("Support", "help@kevin-support.example"),
        Address("Marcus Dana Kevin Laura Tom", "x@evil.example"),
        Address("Kevin Park", "kevin.park@northwind.example"),
    ]
    assert people_named("kevin", hostile) == [hostile[1], hostile[2]]  # asked apart, never the domain's
    assert people_named("kevin park", hostile) == [hostile[2]]
