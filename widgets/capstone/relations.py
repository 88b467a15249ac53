"""Every relation the capstone engine uses: its formula, the lesson it comes from, its literature, its status.

The lesson prints this table; the brief and the debrief cite it. "sourced" means the relation (its
form) comes from the literature or a lesson's sourced calibration; "illustrative" means the course
chose the form or its size (the companies' calibration texts say which numbers are data).
"""

from __future__ import annotations

from typing import NamedTuple


class Relation(NamedTuple):
    """One relation: a name, its formula in LaTeX, the lesson stem, the citation and 'sourced' or 'illustrative'."""

    name: str
    formula: str
    lesson: str
    citation: str
    status: str


RELATIONS: tuple[Relation, ...] = (
    Relation("Category growth (Bass diffusion)",
             r"F(t) = \frac{1 - e^{-(p+q)t}}{1 + (q/p)\,e^{-(p+q)t}}, \; N_{t+1} = M\,F(\tau_t + \tfrac14)",
             "12_open_source_and_open_business",
             "Bass, Management Science 15(5), 1969", "sourced"),
    Relation("Openness speeds adoption",
             r"p = p_c + (p_o - p_c)\,\bar o, \; q = q_c + (q_o - q_c)\,\bar o",
             "12_open_source_and_open_business", "Lesson 12's open and closed Bass coefficients (Red Hat fit)",
             "illustrative"),
    Relation("Choice between firms (multinomial logit with an outside option)",
             r"s_j = \frac{e^{V_j}}{1 + \sum_k e^{V_k}}, \; V_j = (a_j + u_j)/\sigma",
             "30_platforms_and_network_effects",
             "McFadden, in Zarembka (ed.), Frontiers in Econometrics, 1974; Berry, RAND Journal of Economics 25(2), 1994",
             "sourced"),
    Relation("Customers re-choose partly (momentum)",
             r"n_j' = (1 - r_j)\,n_j + \text{pool}\cdot s_j, \; \text{pool} = \rho\,(N - \textstyle\sum n) + (N' - N) + \sum r_k n_k",
             "30_platforms_and_network_effects",
             "Lesson 30's partial adjustment (ρ = 30 % a month there, month by month; a tenth of non-members a quarter "
             "elsewhere), with churn as "
             "the re-choosing share", "illustrative"),
    Relation("A worse offer makes members look around",
             r"r' = r + (1 - r)\,(1 - e^{-\Delta u/\sigma}) \text{ when the offer fell by } \Delta u",
             "22_freemium_and_subscription", "The course's assumption (switching after a price rise)", "illustrative"),
    Relation("The start is a steady state",
             r"a_j:\; \text{pool}\cdot s_j = r_j\,n_j \text{ at the starting decisions}",
             "30_platforms_and_network_effects", "Calibration of the logit constants (Berry 1994's inversion)",
             "illustrative"),
    Relation("Customers' surplus (log-sum)",
             r"CS = \sigma\,N\,[\ln(1 + \textstyle\sum_k e^{V_k}) - \ln(1 + \sum_{k \ne j} e^{V_k})]",
             "30_platforms_and_network_effects", "Small & Rosen, Econometrica 49(1), 1981", "sourced"),
    Relation("Value created", r"\text{value} = CS_j + \text{profit}_j", "01_what_is_a_business_model",
             "Customers' surplus plus the firm's profit (a course definition)", "illustrative"),
    Relation("Free-to-paid funnel",
             r"\text{free}_{k+1} = \text{free}_k(1 - c - f), \; \text{paid}_{k+1} = \text{paid}_k(1 - p) + c\,\text{free}_k",
             "22_freemium_and_subscription", "Kumar, HBR 2014; Gupta, Lehmann & Stuart, JMR 2004", "sourced"),
    Relation("Ads push listeners away",
             r"f' = \frac{\bar c}{1 + (\bar c - f)/f \cdot e^{-\kappa'\Delta a}}, \; m' = \text{minutes\_after}(\Delta a)",
             "21_hidden_revenue", "Anderson & Coate, RES 2005; Huang, Reiley & Riabov 2018", "sourced"),
    Relation("Ad revenue identity", r"R = \text{users} \times \text{hours} \times \text{ad load} \times \text{CPM}/1000",
             "21_hidden_revenue", "Identity; untracked ads sell 52 % lower: Johnson, Shriver & Du, Marketing Science 2020",
             "sourced"),
    Relation("A pay-only switch",
             r"\text{paid}' = (\text{paid} + 0.2\,\text{free})(1 - p)^3",
             "22_freemium_and_subscription", "Lesson 22's Spotify preset: a fifth of trial users pay (illustrative)",
             "illustrative"),
    Relation("Marketing reaches listeners", r"u \mathrel{+}= 1.5 \ln(1 + M/400)", "22_freemium_and_subscription",
             "The course's assumption (diminishing returns to advertising)", "illustrative"),
    Relation("Price moves conversion and churn",
             r"c = c_0 (P/P_0)^{-1.5}, \; p = p_0\,(P/P_0)^3", "22_freemium_and_subscription",
             "The course's assumption", "illustrative"),
    Relation("Cross-side value (platform)",
             r"u_R = v\,s - f + \sigma_R - k_R, \; u_D = g\,b\,(m - \tau) + \sigma_D - k_D",
             "30_platforms_and_network_effects", "Rochet & Tirole, JEEA 2003; Armstrong, RAND 2006", "sourced"),
    Relation("Platform revenue", r"\text{GMV} = n_R \cdot \text{spend} \cdot s, \; R = \tau\,\text{GMV} + f\,n_R",
             "30_platforms_and_network_effects", "Lesson 30's identity; take rate from Uber's 2024 results (UBER-NOTE)",
             "sourced"),
    Relation("Open-code users who subscribe answer the price",
             r"s = s_0\,(P/P_0)^{-1.25}, \; CS = s\,P/(1.25 - 1)",
             "12_open_source_and_open_business", "The course's assumption (USD 20 thousand is then the best price)",
             "illustrative"),
    Relation("Open code: who pays, who develops",
             r"\pi = (o\,s + 1 - o)(1 - L\,o), \; \text{dev} = D\,(1 - c_{\text{max}}\,o\,F)",
             "12_open_source_and_open_business", "Lerner & Tirole, JIE 2002; Chesbrough 2006 (lesson 12's model)",
             "sourced"),
    Relation("Commitments: who commits, churn and capacity",
             r"k = d/(d + 0.15), \; r_c = r\,(1 - 0.5\,k), \; \text{cost}_c = (1 - 0.25)\,\text{cost}",
             "23_cloud_subscription_and_pay_per_use",
             "Lambrecht, Seim & Skiera 2007 (three-part tariffs); sizes are the course's", "illustrative"),
    Relation("Wright's law (inference cost)", r"c_t = c_0\,(E_t/E_0)^{-b}, \; b = -\log_2(1 - L)",
             "31_ai_business_models", "Wright, J. Aeronautical Sciences 3(4), 1936; Nagy et al., PLoS ONE 2013",
             "sourced"),
    Relation("Usage responds to price", r"U = U_0\,(p/p_0)^{-\varepsilon}, \; CS = p\,U/(\varepsilon - 1)",
             "31_ai_business_models", "Constant-elasticity demand (lesson 31's usage model)", "illustrative"),
    Relation("People still handle part of automated work", r"h = h_{\text{min}} + (1 - h_{\text{min}})(1 - Q)",
             "31_ai_business_models", "Acemoglu & Restrepo, JEP 2019 (task-based comparison)", "sourced"),
    Relation("The rival's price rule",
             r"P_r' = \max(\text{cost}, P_r + \tfrac12(0.95\,\min_j P_j - P_r)) \text{ if it lost members, else } P_r",
             "30_platforms_and_network_effects", "Bertrand 1883 (undercutting to cost); the Uber–Didi price war",
             "illustrative"),
    Relation("A quarter", r"\text{quarter} = 3 \times \text{month at the closing members}", "22_freemium_and_subscription",
             "The lessons' monthly models, three months at a time (a course choice)", "illustrative"),
    Relation("Cash", r"\text{cash}_t = \text{cash}_{t-1} + \text{profit}_t, \; \text{profit} = \sum \text{revenue} - \sum \text{costs}",
             "22_freemium_and_subscription", "Accounting identity; negative cash is debt at 3 % a quarter (illustrative rate)",
             "sourced"),
)

ADDON_RELATIONS: tuple[Relation, ...] = (
    Relation("Commitment plans (add-on)",
             r"k = d/(d + 0.15), \; r_c = r\,(1 - 0.5\,k), \; R_c = k\,R\,(1 - d)",
             "23_cloud_subscription_and_pay_per_use",
             "Lambrecht, Seim & Skiera 2007 (three-part tariffs); as the developer tool's commitments, sizes are the "
             "course's", "illustrative"),
    Relation("AI-run support (add-on)",
             r"c_s = T\,[a\,(c_{\text{AI}} + h(Q)\,H) + (1 - a)\,H], \; c_{\text{AI}} = c_0\,(E/E_0)^{-b}",
             "31_ai_business_models",
             "Acemoglu & Restrepo, JEP 2019 (task-based comparison); Wright 1936; tickets and costs are the course's",
             "illustrative"),
)
"""Relations the pattern add-ons (addons.py) bring: a composed company uses RELATIONS plus its add-ons' rows."""
