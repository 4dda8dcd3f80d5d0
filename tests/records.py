"""Names of the shared test records. The bootstrap creates them; tests refer to them by these names."""

RUB_COMPANY = "CM Test Russia"
RUB_ABBR = "CMR"
EUR_COMPANY = "CM Test Europe"
EUR_ABBR = "CME"

CUSTOMER = "CM Customer Alpha"
CUSTOMER_2 = "CM Customer Beta"
EUR_CUSTOMER = "CM Customer Euro"
SUPPLIER = "CM Supplier Alpha"
SUPPLIER_2 = "CM Supplier Beta"

STOCK_ITEM = "CM-GOODS"
SERVICE_ITEM = "CM-SERVICE"

SELLING_PRICE_LIST = "CM Selling RUB"
BUYING_PRICE_LIST = "CM Buying RUB"
EUR_SELLING_PRICE_LIST = "CM Selling EUR"

SALES_TAX_TEMPLATE = f"CM VAT 20% - {RUB_ABBR}"
PURCHASE_TAX_TEMPLATE = f"CM Input VAT 20% - {RUB_ABBR}"

EUR_TO_RUB = 100.0
USD_TO_RUB = 90.0

# One user per role the app defines, plus one without any of them.
USERS = {
	"cm.manager@example.com": ["Contract Manager"],
	"cm.legal@example.com": ["Legal Counsel"],
	"cm.sales@example.com": ["Sales Contract User", "Sales User"],
	"cm.sales2@example.com": ["Sales Contract User", "Sales User"],
	"cm.purchase@example.com": ["Purchase Contract User", "Purchase User"],
	"cm.viewer@example.com": ["Contract Viewer"],
	"cm.accounts@example.com": ["Accounts Manager", "Contract Viewer"],
	"cm.head.sales@example.com": ["Sales Manager"],
	"cm.nobody@example.com": [],
}
RUSSIAN_USER = "cm.legal@example.com"
# Test users log in to the served site with this password (REST API tests).
PASSWORD = "CM-test-pass-2026"
