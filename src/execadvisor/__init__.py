"""execadvisor: who should lead your revenue — CSO, CRO, CMO, CCO, or a combination?"""

__version__ = "0.2.0"
