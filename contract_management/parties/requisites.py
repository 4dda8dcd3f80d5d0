"""Russian requisites of a company, customer or supplier: ИНН, КПП, ОГРН / ОГРНИП and the bank's БИК,
correspondent and settlement accounts. Their check digits, the check on save, and the lines a print
shows.

The algorithms are the Federal Tax Service's (ИНН, ОГРН, ОГРНИП) and the Bank of Russia's control key
of an account number (Порядок расчёта контрольного ключа в номере лицевого счёта, ЦБ РФ 08.09.1997
№ 515). tests/test_requisites.py works them out by hand on public examples.
"""

import re

import frappe
from frappe import _

RUSSIA = "Russian Federation"  # the name of Frappe's Country record

INN_10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
ACCOUNT_WEIGHTS = (7, 1, 3) * 8  # 3 digits from the БИК + 20 of the account = 23 weights used

KPP_PATTERN = re.compile(r"\d{4}[\dA-Z]{2}\d{3}")

# The requisites' own fields on Company, Customer and Supplier (setup/custom_fields.py), ИНН being
# ERPNext's tax_id.
REQUISITE_FIELDS = (
	"tax_id",
	"cm_kpp",
	"cm_ogrn",
	"cm_bik",
	"cm_correspondent_account",
	"cm_settlement_account",
)
# Where each doctype says which country the company or party is of. Customer has no country of its
# own in ERPNext, so the app adds one (cm_country); Company and Supplier have ERPNext's `country`.
COUNTRY_FIELD = {"Company": "country", "Supplier": "country", "Customer": "cm_country"}


# ---------------------------------------------------------------- check digits


def _weighted_sum(digits: str, weights) -> int:
	return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False))


def inn_is_valid(inn: str) -> bool:
	"""ИНН: 10 digits for an organisation, 12 for a person or an individual entrepreneur.

	10 digits: the weighted sum of the first nine (2, 4, 10, 3, 5, 9, 4, 6, 8) mod 11 mod 10 is the
	tenth. 12 digits: the same with weights 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 over the first ten gives the
	eleventh, and with 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 over the first eleven the twelfth."""
	if not inn.isdigit():
		return False
	if len(inn) == 10:
		return _weighted_sum(inn[:9], INN_10_WEIGHTS) % 11 % 10 == int(inn[9])
	if len(inn) == 12:
		return _weighted_sum(inn[:10], INN_12_WEIGHTS_11) % 11 % 10 == int(inn[10]) and _weighted_sum(
			inn[:11], INN_12_WEIGHTS_12
		) % 11 % 10 == int(inn[11])
	return False


def ogrn_is_valid(number: str) -> bool:
	"""ОГРН (13 digits): the first 12 as a number mod 11, mod 10, is the 13th.
	ОГРНИП (15 digits): the first 14 as a number mod 13, mod 10, is the 15th."""
	if not number.isdigit():
		return False
	if len(number) == 13:
		return int(number[:12]) % 11 % 10 == int(number[12])
	if len(number) == 15:
		return int(number[:14]) % 13 % 10 == int(number[14])
	return False


def kpp_is_valid(kpp: str) -> bool:
	"""КПП: 9 characters: the tax office (4 digits), the reason (2 digits or capital Latin letters),
	the number (3 digits)."""
	return bool(KPP_PATTERN.fullmatch(kpp))


def bik_is_valid(bik: str) -> bool:
	return len(bik) == 9 and bik.isdigit()


def _control_key_holds(prefix: str, account: str) -> bool:
	return _weighted_sum(prefix + account, ACCOUNT_WEIGHTS) % 10 == 0


def settlement_account_is_valid(account: str, bik: str) -> bool:
	"""Расчётный счёт (20 digits) at a bank: the bank's number, the last three digits of its БИК,
	followed by the account, weighted 7, 1, 3, 7, 1, 3, ..., sum to a multiple of 10."""
	if not (len(account) == 20 and account.isdigit() and bik_is_valid(bik)):
		return False
	return _control_key_holds(bik[-3:], account)


def correspondent_account_is_valid(account: str, bik: str) -> bool:
	"""Корреспондентский счёт (20 digits), kept at the Bank of Russia's settlement centre: "0" and the
	5th-6th digits of the БИК, followed by the account, weighted 7, 1, 3, ..., sum to a multiple of 10."""
	if not (len(account) == 20 and account.isdigit() and bik_is_valid(bik)):
		return False
	return _control_key_holds("0" + bik[4:6], account)


# ---------------------------------------------------------------- the check on save


class InvalidRequisiteError(frappe.ValidationError):
	pass


def is_russian(doc) -> bool:
	"""A company or party is Russian when its country says so. One of unknown country is not: a foreign
	party's tax id is never refused."""
	return doc.get(COUNTRY_FIELD[doc.doctype]) == RUSSIA


def validate_requisites(doc) -> None:
	"""doc_event validate of Company, Customer and Supplier: refuse requisites whose format or check
	digits are wrong, naming each field. Only a Russian company or party is checked; nothing is read
	from the database."""
	if not is_russian(doc):
		return
	if not uses_the_apps_requisites(doc):
		# Made by ERPNext's code, another app or an integration, with ERPNext's own fields only: saved as
		# ERPNext saves it, a wrong ИНН only pointed out.
		inn = doc.get("tax_id")
		errors = requisite_errors({"tax_id": str(inn)}, doc.meta) if inn else []
		if errors:
			frappe.msgprint(
				"<br>".join(errors), title=_("Invalid Requisites"), indicator="orange", alert=True
			)
		return
	values = {}
	for fieldname in REQUISITE_FIELDS:
		value = doc.get(fieldname)
		if value:
			# What people paste: «7707 083 893», a lower-case letter of the КПП.
			value = re.sub(r"\s+", "", str(value)).upper()
			doc.set(fieldname, value)
			values[fieldname] = value
	if not values:
		return
	errors = requisite_errors(values, doc.meta)
	if errors:
		frappe.throw("<br>".join(errors), InvalidRequisiteError, title=_("Invalid Requisites"))


def uses_the_apps_requisites(doc) -> bool:
	"""A customer is Russian by the app's own country field; a company or supplier, by ERPNext's, and
	uses the app's requisites when it has one of their fields beside ERPNext's tax_id."""
	return COUNTRY_FIELD[doc.doctype].startswith("cm_") or any(
		doc.get(fieldname) for fieldname in REQUISITE_FIELDS if fieldname != "tax_id"
	)


def requisite_errors(values: dict, meta) -> list[str]:
	"""What is wrong with each requisite, in words naming the field."""

	def label(fieldname):
		return frappe.bold(_(meta.get_label(fieldname)))

	errors = []
	inn = values.get("tax_id")
	if inn and not (inn.isdigit() and len(inn) in (10, 12)):
		errors.append(
			_("{0} must have 10 digits (an organisation) or 12 (an individual entrepreneur): {1}.").format(
				label("tax_id"), inn
			)
		)
	elif inn and not inn_is_valid(inn):
		errors.append(_("{0} {1} is not valid: its check digits do not match.").format(label("tax_id"), inn))

	kpp = values.get("cm_kpp")
	if kpp and not kpp_is_valid(kpp):
		errors.append(
			_(
				"{0} must have 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits: {1}."
			).format(label("cm_kpp"), kpp)
		)

	ogrn = values.get("cm_ogrn")
	if ogrn and not (ogrn.isdigit() and len(ogrn) in (13, 15)):
		errors.append(_("{0} must have 13 digits (OGRN) or 15 (OGRNIP): {1}.").format(label("cm_ogrn"), ogrn))
	elif ogrn and not ogrn_is_valid(ogrn):
		errors.append(
			_("{0} {1} is not valid: its check digit does not match.").format(label("cm_ogrn"), ogrn)
		)

	bik = values.get("cm_bik")
	if bik and not bik_is_valid(bik):
		errors.append(_("{0} must have 9 digits: {1}.").format(label("cm_bik"), bik))
		bik = None

	for fieldname, check in (
		("cm_correspondent_account", correspondent_account_is_valid),
		("cm_settlement_account", settlement_account_is_valid),
	):
		account = values.get(fieldname)
		if not account:
			continue
		if not (account.isdigit() and len(account) == 20):
			errors.append(_("{0} must have 20 digits: {1}.").format(label(fieldname), account))
		elif not bik:
			errors.append(
				_("{0} is checked against the bank's {1}: fill in the {1}.").format(
					label(fieldname), label("cm_bik")
				)
			)
		elif not check(account, bik):
			errors.append(
				_("{0} {1} does not match {2} {3}: its control key is wrong.").format(
					label(fieldname), account, label("cm_bik"), bik
				)
			)
	return errors


# ---------------------------------------------------------------- prints


def requisite_lines(details) -> list[tuple[str, str]]:
	"""(label, value) of each requisite a print shows under a party's name, in the order Russian papers
	give them; a requisite that is missing has no line."""
	ogrn = details.get("ogrn") or ""
	candidates = (
		(_("Address"), details.get("address")),
		(_("Tax ID"), details.get("tax_id")),
		(_("KPP"), details.get("kpp")),
		(_("OGRNIP") if len(ogrn) == 15 else _("OGRN"), ogrn),
		(_("Bank"), details.get("bank_name")),
		(_("BIK"), details.get("bik")),
		(_("Correspondent Account"), details.get("correspondent_account")),
		(_("Settlement Account"), details.get("settlement_account")),
	)
	return [(label, value) for label, value in candidates if value]
