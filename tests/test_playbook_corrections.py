"""The facts the shipped playbooks must get right, in English and Chinese both: what
to do first, in which order, and what is true in which country."""

from __future__ import annotations

import pytest

from tui.library.playbook import Playbook
from tui.records.kinds import Intent, Kind

CANCELS = ("bank-cancel", "transit-cancel", "esim-cancel", "other-cancel")
ESIM_PLAYBOOKS = ("esim-cancel", "esim-port-out", "esim-report-lost", "esim-suspend")


def _get(content, playbook_id: str) -> Playbook:
    playbook = content.playbooks.get(playbook_id)
    assert playbook is not None, playbook_id
    return playbook


def _text(playbook: Playbook, lang: str) -> str:
    """Every word of the playbook in one language, lower-cased for English."""
    parts = [playbook.title.by_lang.get(lang, ""), playbook.summary.by_lang.get(lang, "")]
    for step in playbook.steps:
        parts += [step.title.by_lang.get(lang, ""), step.detail.by_lang.get(lang, "")]
        parts += [w.by_lang.get(lang, "") for w in (*step.warnings, *step.needs)]
    text = "\n".join(parts)
    return text.lower() if lang == "en" else text


def _order(playbook: Playbook) -> list[str]:
    return [step.id for step in playbook.steps]


def test_every_shipped_step_is_written_in_both_languages(content):
    for playbook in content.playbooks:
        for step in playbook.steps:
            for text in (step.title, step.detail, *step.warnings, *step.needs):
                if text.by_lang:
                    assert set(text.by_lang) == {"en", "zh-CN"}, (playbook.id, step.id)


@pytest.mark.parametrize("playbook_id", CANCELS)
def test_cancelling_starts_by_asking_whether_suspending_would_do(content, playbook_id):
    playbook = _get(content, playbook_id)
    first = playbook.steps[0]
    assert first.id == "plan-suspend-instead"
    assert "suspend" in first.title.get("en").lower() and "暂停" in first.title.get("zh-CN")
    assert "suspend playbook" in first.detail.get("en") and "“暂停”清单" in first.detail.get(
        "zh-CN"
    )


def test_bank_cancel_redirects_income_before_the_cancellation(content):
    playbook = _get(content, "bank-cancel")
    order = _order(playbook)
    assert order.index("update-details") < order.index("request-cancel")
    redirect = playbook.step("update-details")
    for word in ("salary", "pension", "before you cancel"):
        assert word in (redirect.title.get("en") + redirect.detail.get("en")).lower()
    for word in ("工资", "养老金", "销卡之前"):
        assert word in redirect.title.get("zh-CN") + redirect.detail.get("zh-CN")


def test_bank_report_lost_makes_a_temporary_report_formal(content):
    playbook = _get(content, "bank-report-lost")
    order = _order(playbook)
    assert order.index("call-bank") < order.index("formal-report") < order.index("record-proof")
    step = playbook.step("formal-report")
    assert step.type.value == "visit"
    assert (
        "temporary" in step.detail.get("en") and "mainland china" in step.detail.get("en").lower()
    )
    assert "临时挂失" in step.detail.get("zh-CN") and "中国内地" in step.detail.get("zh-CN")


def test_esim_report_lost_marks_the_phone_lost_before_calling_the_carrier(content):
    playbook = _get(content, "esim-report-lost")
    order = _order(playbook)
    assert order[0] == "lock-phone" and order.index("lock-phone") < order.index("call-carrier")
    lock = playbook.step("lock-phone")
    assert "find my" in lock.detail.get("en").lower() and "查找" in lock.detail.get("zh-CN")
    warning = lock.warnings[0]
    assert "insurance claim" in warning.get("en") and "do not erase" in warning.get("en").lower()
    assert "理赔" in warning.get("zh-CN") and "不要抹除" in warning.get("zh-CN")


def test_a_blocked_line_is_never_said_to_go_away(content):
    playbook = _get(content, "esim-report-lost")
    en, zh = _text(playbook, "en"), _text(playbook, "zh-CN")
    assert "will go away" not in en and "最终会被注销" not in zh
    assert "stays on your account" in en and "keep billing" in en
    assert "仍在你的账户上" in zh and "计费" in zh


@pytest.mark.parametrize("playbook_id", ["esim-port-out", "esim-port-out-gb", "esim-port-out-us"])
def test_the_port_code_warning_does_not_contradict_the_port(content, playbook_id):
    playbook = _get(content, playbook_id)
    warning = playbook.step("get-port-code").warnings[0]
    en, zh = warning.get("en").lower(), warning.get("zh-CN")
    assert "no genuine agent will ask" not in en
    assert "only to the new" in en and "current" in en and "unprompted" in en
    assert "新运营商" in zh and "原运营商" in zh and "主动" in zh


def test_esim_chinese_says_xiaohao_and_delete_esim(content):
    for playbook_id in ESIM_PLAYBOOKS:
        zh = _text(_get(content, playbook_id), "zh-CN")
        assert "注销 eSIM 套餐" not in zh and "配置文件" not in zh, playbook_id
        assert "配置" not in zh, playbook_id
    cancel = _get(content, "esim-cancel")
    assert "注销号码（销号）" in cancel.title.get("zh-CN")
    assert "删除 eSIM" in _text(cancel, "zh-CN")


def test_the_generic_social_security_playbooks_are_not_chinas(content):
    for intent in (Intent.CANCEL, Intent.REPORT_LOST, Intent.SUSPEND):
        generic = content.playbooks.find(Kind.SOCIAL_SECURITY, intent)
        cn = content.playbooks.find(Kind.SOCIAL_SECURITY, intent, region="CN")
        assert generic.regions == () and cn.regions == ("CN",)
        for word in ("human-resources", "medical-insurance", "partner bank"):
            assert word not in _text(generic, "en"), (generic.id, word)
        for word in ("人社", "人力资源", "医保", "合作银行"):
            assert word not in _text(generic, "zh-CN"), (generic.id, word)
        assert "human-resources" in _text(cn, "en") and "人社" in _text(cn, "zh-CN")


def test_a_us_social_security_card_is_replaced_never_cancelled(content):
    cancel = _get(content, "social-security-cancel-us")
    en, zh = _text(cancel, "en"), _text(cancel, "zh-CN")
    assert "cannot be cancelled" in en and "for life" in en
    assert "无法注销" in zh and "终身" in zh
    lost = _get(content, "social-security-report-lost-us")
    en, zh = _text(lost, "en"), _text(lost, "zh-CN")
    for word in ("cannot be blocked", "same number", "credit freeze", "e-verify self lock"):
        assert word in en, word
    for word in ("无法冻结", "号码不变", "冻结信用", "Self Lock"):
        assert word in zh, word
    assert "call-bureau" not in _order(lost)  # there is no one to report the card to


def test_the_uk_has_a_national_insurance_number_and_nothing_to_cancel(content):
    for playbook_id in ("social-security-cancel-gb", "social-security-report-lost-gb"):
        playbook = _get(content, playbook_id)
        en, zh = _text(playbook, "en"), _text(playbook, "zh-CN")
        assert "national insurance number" in en and "hmrc" in en
        assert "国民保险号码" in zh and "HMRC" in zh
    assert "dwp" in _text(_get(content, "social-security-cancel-gb"), "en")
    lost = _get(content, "social-security-report-lost-gb")
    assert "nothing is blocked" in _text(lost, "en") and "无需冻结" in _text(lost, "zh-CN")


def test_hong_kong_means_the_hkid_and_the_immigration_department(content):
    for playbook_id in ("social-security-cancel-hk", "social-security-report-lost-hk"):
        playbook = _get(content, playbook_id)
        en, zh = _text(playbook, "en"), _text(playbook, "zh-CN")
        assert "hkid" in en and "no social-security card" in en
        assert "香港身份证" in zh and "没有社保卡" in zh
    lost = _get(content, "social-security-report-lost-hk")
    assert "immigration department" in _text(lost, "en")
    assert "入境事务处" in _text(lost, "zh-CN")


def test_china_ports_within_the_province_with_sms_codes(content):
    playbook = _get(content, "esim-port-out-cn")
    en, zh = _text(playbook, "en"), _text(playbook, "zh-CN")
    assert "same province" in en and "同一省份" in zh
    check, code = playbook.step("check-eligibility"), playbook.step("get-port-code")
    assert "CXXZ#" in check.detail.get("en") and "CXXZ#姓名#证件号码" in check.detail.get("zh-CN")
    assert "SQXZ#" in code.detail.get("en") and "SQXZ#姓名#证件号码" in code.detail.get("zh-CN")
    assert "short" in code.detail.get("en") and "有效时间很短" in code.detail.get("zh-CN")
    order = _order(playbook)
    assert order.index("check-eligibility") < order.index("get-port-code")
    assert order.index("do-not-cancel") < order.index("request-port")
    assert playbook.step("request-port").type.value == "visit"


def test_the_uk_texts_pac_to_65075_and_stac_to_75075(content):
    step = _get(content, "esim-port-out-gb").step("get-port-code")
    en, zh = step.detail.get("en"), step.detail.get("zh-CN")
    assert "text PAC to 65075" in en and "STAC to 75075" in en
    assert "PAC 到 65075" in zh and "STAC 到 75075" in zh


def test_the_us_port_needs_the_transfer_pin_and_the_old_line_open(content):
    playbook = _get(content, "esim-port-out-us")
    code = playbook.step("get-port-code")
    assert (
        "pin" in code.title.get("en").lower() and "account number" in code.title.get("en").lower()
    )
    assert "PIN" in code.title.get("zh-CN") and "账户号码" in code.title.get("zh-CN")
    order = _order(playbook)
    assert order.index("do-not-cancel") < order.index("request-port") < order.index("wait-port")


def test_region_variants_keep_the_generic_step_ids_where_the_meaning_stays(content):
    # progress is stored by step id: a card moving from the generic playbook to its
    # region's keeps what it had checked for the same step
    for kind, intent, regions in (
        (Kind.SOCIAL_SECURITY, Intent.CANCEL, ("CN",)),
        (Kind.SOCIAL_SECURITY, Intent.REPORT_LOST, ("CN",)),
        (Kind.SOCIAL_SECURITY, Intent.SUSPEND, ("CN",)),
        (Kind.ESIM, Intent.PORT_OUT, ("CN", "GB", "US")),
    ):
        generic = set(_order(content.playbooks.find(kind, intent)))
        for region in regions:
            variant = set(_order(content.playbooks.find(kind, intent, region=region)))
            assert len(generic & variant) >= 5, (kind, intent, region)
