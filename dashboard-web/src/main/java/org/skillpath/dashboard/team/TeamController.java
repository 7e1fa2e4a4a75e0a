package org.skillpath.dashboard.team;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.skillpath.dashboard.api.Dashboards.MemberDetail;
import org.skillpath.dashboard.api.Dashboards.MemberRow;
import org.skillpath.dashboard.api.Dashboards.TeamOverview;
import org.skillpath.dashboard.api.ServiceException;
import org.skillpath.dashboard.api.SkillpathApi;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The manager's team: progress-service's team overview, plus each report's detail for levels and step counts. */
@Controller
class TeamController {

    private final SkillpathApi api;
    private final Clock clock;

    TeamController(SkillpathApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping("/team")
    String team(Model model) {
        TeamOverview team = api.team();
        Map<String, MemberDetail> details = new LinkedHashMap<>();
        if (team.members() != null) {
            for (MemberRow row : team.members().items()) {
                try {
                    details.put(row.personId(), api.person(row.personId()));
                } catch (ServiceException e) {
                    // someone who left the team since the list was read: their card shows what the list said
                    if (e.status() != 404) {
                        throw e;
                    }
                }
            }
        }
        model.addAttribute("team", TeamView.of(team, details, clock.getZone(), LocalDate.now(clock)));
        return "team";
    }
}
