"""Russian requisites for the demo's companies and parties, made with valid check digits.

ИНН of a legal entity (10 digits): the 10th digit is the weighted sum of the first nine with weights
2 4 10 3 5 9 4 6 8, mod 11, mod 10. ОГРН (13 digits): the 13th digit is the first twelve, as a number,
mod 11, mod 10. КПП has no check digit: region, tax office (4 digits), reason (2), number (3).
БИК: 04 + region and bank (7 digits). A correspondent account is 301 01 810 0 0000000 + the last three
digits of the БИК; a settlement account 40702 810 K ... . The control key K (9th digit) makes the
weighted sum (weights 7 1 3 repeated) of a 23-digit string zero mod 10: the last three digits of the
БИК and the settlement account, or «0» + the 5th and 6th digits of the БИК and the correspondent account.
"""

INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
ACCOUNT_WEIGHTS = (7, 1, 3) * 8


def inn_10(first_nine: str) -> str:
	check = sum(int(d) * w for d, w in zip(first_nine, INN_WEIGHTS, strict=True)) % 11 % 10
	return f"{first_nine}{check}"


def ogrn(first_twelve: str) -> str:
	return f"{first_twelve}{int(first_twelve) % 11 % 10}"


def account_with_key(prefix_3: str, account: str) -> str:
	"""The 20-digit account with its 9th digit (the control key) set for the 3-digit prefix."""
	digits = prefix_3 + account[:8] + "0" + account[9:]
	total = sum(int(d) * w for d, w in zip(digits, ACCOUNT_WEIGHTS[:23], strict=True))
	# The key is the 12th digit of the 23, weight 3; 3 and 10 are coprime, so exactly one key fits.
	key = next(k for k in range(10) if (total + k * ACCOUNT_WEIGHTS[11]) % 10 == 0)
	return account[:8] + str(key) + account[9:]


def requisites(number: int, region: str = "77") -> dict:
	"""Requisites of the demo's organisation number `number` (1 to 99): ИНН, КПП, ОГРН and a bank."""
	serial = f"{number:02d}"
	inn = inn_10(f"{region}{serial}{number * 37 % 100000:05d}")
	bik = f"0445252{serial}"
	correspondent = account_with_key("0" + bik[4:6], f"30101810000000000{bik[-3:]}")
	settlement = account_with_key(bik[-3:], f"40702810000000{number * 7919 % 1000000:06d}")
	return {
		"tax_id": inn,
		"cm_kpp": f"{region}{serial}01001",
		"cm_ogrn": ogrn(f"10{region}{serial}{number * 131 % 1000000:06d}"),
		"cm_bank_name": "АО «Демо-Банк»",
		"cm_bik": bik,
		"cm_correspondent_account": correspondent,
		"cm_settlement_account": settlement,
	}
