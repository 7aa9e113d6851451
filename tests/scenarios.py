"""Profiles taken from the sources' "when to choose" passages, with the option each source favours.

Shared by the scenario tests and the answer-space benchmark. Each entry: (name, passage, answers,
expected recommendation).
"""

BASE = {
    "company_size": "midsize",
    "growth_stage": "scaling",
    "business_model": "hybrid",
    "revenue_streams": "few",
    "sales_marketing": "separate",
    "priorities": ["scale-sales"],
    "sales_leader": False,
    "marketing_leader": True,
    "budget": "full-time",
}


def profile(**changes):
    return {**BASE, **changes}


SCENARIOS = [
    (
        "small company that mainly needs sales growth",
        "000 'Company size and growth stage': smaller companies might need a CSO to focus on sales growth",
        profile(company_size="small", growth_stage="early", business_model="transactional", revenue_streams="single"),
        "CSO",
    ),
    (
        "large organisation overseeing multiple revenue streams",
        "000 'Company size and growth stage': larger organisations may require a CRO to oversee multiple revenue streams",
        profile(company_size="enterprise", growth_stage="mature", revenue_streams="many", sales_marketing="integrated",
                priorities=["new-revenue-streams", "retention"], sales_leader=True),
        "CRO",
    ),
    (
        "transactional business",
        "000 'Business model': a transactional business might benefit from a CSO",
        profile(business_model="transactional", priorities=["scale-sales", "sales-expertise"]),
        "CSO",
    ),
    (
        "subscription business managing recurring revenue",
        "000 'Business model': a subscription-based model may require a CRO to manage recurring revenue; 004: common in SaaS",
        profile(business_model="subscription", sales_marketing="integrated", priorities=["retention"], sales_leader=True),
        "CRO",
    ),
    (
        "rapidly scaling the sales team",
        "000 'Scenarios favoring a CSO': rapidly scale the sales team or refine sales processes",
        profile(company_size="small", business_model="transactional", priorities=["scale-sales"]),
        "CSO",
    ),
    (
        "specialised, industry-specific sales expertise",
        "000 'Scenarios favoring a CSO': the sales team requires specialised expertise (e.g. industry-specific knowledge)",
        profile(growth_stage="mature", business_model="transactional", revenue_streams="single", priorities=["sales-expertise"]),
        "CSO",
    ),
    (
        "sales and marketing in silos",
        "003 'When to choose a CRO': sales and marketing teams working in silos; 000: need for alignment",
        profile(company_size="large", business_model="subscription", sales_marketing="siloed", priorities=["alignment"], sales_leader=True),
        "CRO",
    ),
    (
        "retention and customer lifecycle",
        "000 'Scenarios favoring a CRO': emphasis on customer lifecycle management, retention and expansion",
        profile(growth_stage="mature", business_model="subscription", sales_marketing="integrated",
                priorities=["retention"], sales_leader=True),
        "CRO",
    ),
    (
        "new revenue streams and optimising existing ones",
        "003 'When to choose a CRO': revenue optimisation, optimise existing streams and identify new ones",
        profile(revenue_streams="many", sales_marketing="integrated", priorities=["new-revenue-streams"], sales_leader=True),
        "CRO",
    ),
    (
        "brand building is the priority",
        "003 'When to choose a CMO': establishing or strengthening the brand is the priority",
        profile(company_size="small", growth_stage="early", business_model="transactional", revenue_streams="single",
                priorities=["brand"], sales_leader=True, marketing_leader=False),
        "CMO",
    ),
    (
        "lead generation is critical, with advanced marketing needed",
        "003 'When to choose a CMO': lead generation critical; expertise in content, SEO and digital advertising",
        profile(company_size="small", business_model="subscription", priorities=["lead-generation", "brand"],
                sales_leader=True, marketing_leader=False),
        "CMO",
    ),
    (
        "market positioning, new markets and strategic partnerships, where nothing else is recommended",
        "004 'Chief Commercial Officer' and its close: a CCO who can oversee your entire commercial strategy - new market "
        "opportunities, market positioning and strategic partnerships (a description: it wins only where no article "
        "recommends another role)",
        profile(revenue_streams="single", sales_marketing="integrated", priorities=["market-expansion", "partnerships"],
                sales_leader=True),
        "CCO",
    ),
    (
        "customer retention and satisfaction",
        "003 'When to Choose a CRO': For companies focusing on improving customer retention and satisfaction, a CRO's "
        "attention to the entire customer journey ensures sustained revenue growth (001 defines the Chief Customer "
        "Officer but never says when to hire one)",
        profile(growth_stage="mature", business_model="transactional", priorities=["customer-experience", "retention"],
                sales_leader=True),
        "CRO",
    ),
    (
        "larger organisation with complex needs: both a CRO and a CMO",
        "003 'Combining CRO and CMO roles' and 'Making the decision': in larger organisations both roles complement each other",
        profile(company_size="enterprise", business_model="subscription", revenue_streams="many", sales_marketing="siloed",
                priorities=["brand", "lead-generation", "alignment"], sales_leader=True, marketing_leader=False),
        "CRO+CMO",
    ),
    (
        "larger organisation where a CSO reports to the CRO",
        "000 'Potential for role evolution' and conclusion: both roles coexist in larger organisations, the CSO reporting to the "
        "CRO; a CRO may create a CSO position to focus on specific sales channels or markets",
        profile(company_size="enterprise", revenue_streams="many", priorities=["sales-expertise", "new-revenue-streams"]),
        "CRO+CSO",
    ),
    (
        "strong sales leadership already, holistic revenue management needed",
        "000 'Current organizational structure': already strong sales leadership, or a need for a holistic approach",
        profile(business_model="subscription", priorities=["alignment", "retention"], sales_leader=True),
        "CRO",
    ),
]
